/** The Pyodide worker under Node's worker_threads (see worker-core.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { serveWorker, type PyodideApi } from './worker-core.js';
import type { ToWorker } from './worker-protocol.js';

const port = parentPort;
if (port) {
  const handle = serveWorker(
    (m) => port.postMessage(m),
    async () => {
      // The host passes pyodide's location: this file may run bundled, away from node_modules.
      const where = workerData as { pyodide: string; indexURL: string };
      const { loadPyodide } = (await import(where.pyodide)) as typeof import('pyodide');
      return (await loadPyodide({ indexURL: where.indexURL })) as unknown as PyodideApi;
    },
  );
  port.on('message', (m: ToWorker) => handle(m));
}

/** The page's Pyodide worker (a module Web Worker; see harness/pyodide/worker-core.ts). */
import { serveWorker, type PyodideApi } from '../harness/pyodide/worker-core.js';
import type { ToWorker } from '../harness/pyodide/worker-protocol.js';

const scope = self as unknown as {
  postMessage(m: unknown): void;
  addEventListener(t: 'message', f: (e: MessageEvent<ToWorker>) => void): void;
};
const base = new URL('pyodide/', self.location.href).href;
const handle = serveWorker(
  (m) => scope.postMessage(m),
  async () => {
    // Pyodide's files sit in the page's own folder: nothing is fetched from elsewhere.
    const { loadPyodide } = (await import(/* @vite-ignore */ `${base}pyodide.mjs`)) as typeof import('pyodide');
    return (await loadPyodide({ indexURL: base, packageBaseUrl: base })) as unknown as PyodideApi;
  },
);
scope.addEventListener('message', (e) => handle(e.data));

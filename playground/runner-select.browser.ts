/**
 * harness/runner-select.ts for the page: every runner is Pyodide in a Web Worker, fed the
 * code from the editor (the page sets it before each check). A worker whose check ended
 * cleanly serves the next check, so later checks do not wait for Pyodide to start; one that
 * hung or died is terminated and the spare takes over.
 */
import { PyodideRunner, WorkerPool, type WorkerHandle } from '../harness/pyodide/pyodide-runner.js';
import type { FromWorker } from '../harness/pyodide/worker-protocol.js';
import type { Runner } from '../harness/runner.js';

let files: Record<string, string> = {};
let pool: WorkerPool | undefined;

function spawnWorker(): WorkerHandle {
  const worker = new Worker(new URL('worker.js', location.href), { type: 'module' });
  return {
    post: (m) => worker.postMessage(m),
    listen: (onMessage, onError) => {
      worker.addEventListener('message', (e: MessageEvent<FromWorker>) => onMessage(e.data));
      worker.addEventListener('error', (e) =>
        onError(`the Pyodide worker failed: ${e.message || 'could not load it'}`),
      );
    },
    terminate: () => worker.terminate(),
  };
}

/** Boots a worker now, so the first check does not wait for all of Pyodide's start. */
export function preparePool(runnerFiles: Record<string, string>): WorkerPool {
  pool ??= new WorkerPool(spawnWorker, runnerFiles, true);
  pool.warm();
  return pool;
}

/** The files the next runner gets (absolute path to text). */
export function setAppFiles(next: Record<string, string>): void {
  files = next;
}

export function startRunner(_python: string, cwd: string, _target: string): Runner {
  if (!pool) throw new Error('preparePool() was not called');
  return new PyodideRunner(pool, { kind: 'write', files, cwd });
}

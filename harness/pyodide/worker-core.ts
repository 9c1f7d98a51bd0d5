/**
 * The body of a Pyodide worker, the same in Node (worker_threads) and in a browser (Web
 * Worker): boots the interpreter, then runs runner.py's command loop through a callback.
 * A call that never returns blocks this worker for good; the host terminates it.
 */
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** The part of Pyodide's API used here. */
export interface PyodideApi {
  version: string;
  runPython(code: string, options?: { globals?: unknown }): unknown;
  globals: { get(name: string): unknown };
  toPy(value: unknown): unknown;
  setStdout(options: { batched: (text: string) => void }): void;
  setStderr(options: { batched: (text: string) => void }): void;
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  mountNodeFS?(emscriptenPath: string, hostPath: string): void;
}

const HOME = '/wsgiconf';

// runner.py is imported under a name no application uses; it removes its own folder from
// sys.path once its modules are in, as it does under CPython.
const BOOT = `
import importlib.util, os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, ${JSON.stringify(HOME)})
_spec = importlib.util.spec_from_file_location('__wsgiconf_runner__', ${JSON.stringify(`${HOME}/runner.py`)})
_runner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_runner)
del _spec
_wsgiconf_baseline = (set(sys.modules), list(sys.path), os.getcwd())
_runner
`;

// Before a recycled worker's next session: forget the previous application's modules and
// path entries, so the next code is imported afresh (the page's later checks need no boot).
const RESET = `
import os, sys, importlib
_mods, _path, _cwd = _wsgiconf_baseline
for _name in [n for n in sys.modules if n not in _mods]:
    del sys.modules[_name]
sys.path[:] = _path
os.chdir(_cwd)
importlib.invalidate_caches()
`;

export function serveWorker(
  post: (message: FromWorker) => void,
  load: () => Promise<PyodideApi>,
): (message: ToWorker) => void {
  let py: PyodideApi | undefined;
  let runner:
    | { serve_callback(send: (line: string) => void, executable: string): (line: string) => boolean }
    | undefined;
  let handle: ((line: string) => boolean) | undefined;
  let dead = false;
  // A recycled worker is asked to mount the same folders again: a mount point cannot take a second mount.
  const mounted = new Set<string>();

  const fatal = (e: unknown) => {
    dead = true;
    const err = e as { name?: string; message?: string; status?: number };
    const message =
      err?.name === 'ExitStatus' || typeof err?.status === 'number'
        ? `the interpreter exited (status ${err.status ?? '?'})`
        : `the interpreter failed: ${err?.name ?? 'Error'}: ${String(err?.message ?? e)
            .split('\n')
            .slice(-3)
            .join(' ')}`;
    post({ kind: 'fatal', message });
  };

  const steps: Record<ToWorker['kind'], (m: never) => void | Promise<void>> = {
    boot: async (m: Extract<ToWorker, { kind: 'boot' }>) => {
      py = await load();
      const print = (text: string) => post({ kind: 'output', text: `${text}\n` });
      py.setStdout({ batched: print });
      py.setStderr({ batched: print });
      py.FS.mkdirTree(HOME);
      for (const [name, text] of Object.entries(m.files)) py.FS.writeFile(`${HOME}/${name}`, text);
      runner = py.runPython(BOOT) as typeof runner;
      post({ kind: 'ready' });
    },
    mount: (m: Extract<ToWorker, { kind: 'mount' }>) => {
      const api = py as PyodideApi;
      for (const path of m.paths.filter((p) => !mounted.has(p))) {
        mounted.add(path);
        api.FS.mkdirTree(path);
        api.mountNodeFS?.(path, path);
      }
      chdir(api, m.cwd);
    },
    write: (m: Extract<ToWorker, { kind: 'write' }>) => {
      const api = py as PyodideApi;
      for (const [path, text] of Object.entries(m.files)) {
        api.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')) || '/');
        api.FS.writeFile(path, text);
      }
      chdir(api, m.cwd);
    },
    start: () => {
      if (handle) py?.runPython(RESET);
      const send = (line: string) => post({ kind: 'event', line });
      handle = runner?.serve_callback(send, `pyodide ${py?.version ?? ''}`);
    },
    command: (m: Extract<ToWorker, { kind: 'command' }>) => {
      handle?.(m.line);
    },
  };

  // Messages run one after another: boot is asynchronous, the rest wait for it.
  let chain = Promise.resolve();
  return (message) => {
    chain = chain.then(async () => {
      if (dead) return;
      try {
        await (steps[message.kind] as (m: ToWorker) => void | Promise<void>)(message);
      } catch (e) {
        fatal(e);
      }
    });
  };
}

function chdir(py: PyodideApi, cwd: string): void {
  py.FS.mkdirTree(cwd);
  py.runPython(`import os; os.chdir(${JSON.stringify(cwd)})`);
}

/**
 * Messages between a host (the CLI's PyodideRunner, or the playground page) and the worker
 * that runs harness/python/runner.py in Pyodide. Runner commands and events travel inside
 * them as the same JSON lines the pipes carry for CPython.
 */
export type ToWorker =
  /** Load Pyodide and runner.py (files by name): a spare worker does this before it is needed. */
  | { kind: 'boot'; files: Record<string, string> }
  /** Node: host folders, visible at the same paths inside; the interpreter starts in cwd. */
  | { kind: 'mount'; paths: string[]; cwd: string }
  /** Browser: files (absolute path to text) written to the in-memory file system. */
  | { kind: 'write'; files: Record<string, string>; cwd: string }
  /** Start the command loop: the runner says hello. */
  | { kind: 'start' }
  | { kind: 'command'; line: string };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'event'; line: string }
  /** What the application printed (stdout and stderr). */
  | { kind: 'output'; text: string }
  /** The interpreter cannot go on (the app exited it, or it crashed): the worker is finished. */
  | { kind: 'fatal'; message: string };

/** The runner's Python files shipped to every worker: runner.py and every module beside it. */
export const isRunnerFile = (name: string): boolean => name === 'runner.py' || /^_wsgiconf_\w+\.py$/.test(name);

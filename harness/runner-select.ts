/**
 * Which Runner an interpreter name gets: `pyodide` runs in a Pyodide worker, anything else
 * is a Python executable run as a child process. The playground's bundle replaces this
 * module with one that has no child processes (playground/runner-select.browser.ts).
 */
import { PYODIDE, startPyodideRunner } from './pyodide/node-runner.js';
import type { Runner } from './runner.js';
import { RunnerProcess } from './runner-process.js';

export function startRunner(python: string, cwd: string, target: string): Runner {
  return python === PYODIDE ? startPyodideRunner(cwd, target) : new RunnerProcess(python, cwd);
}

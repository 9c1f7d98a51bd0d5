/**
 * Pyodide against CPython: every gallery example and every fixture application that needs
 * only the standard library gets the same outcome and the same message, result by result,
 * under `--python pyodide` as under the machine's Python. Where the two Pythons really
 * differ, the difference is listed below with its reason, and only the outcomes must agree.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGallery } from '../../cli/gallery-command.js';
import { mapPool } from '../../harness/pool.js';
import type { Report } from '../../reports/result.js';
import { certifyApp } from '../../suites/app/certify.js';
import { fromRoot } from '../paths.js';
import { reusePyodideWorkers } from './node-runner.js';

const CPYTHON = '/usr/bin/python3';

/** Messages that differ for a real reason (outcomes must still agree). */
const DIFFERENCES: Record<string, string> = {
  'hostile/kill_interpreter.py':
    'os._exit() ends a process under CPython ("the Python process exited (code 3)") but only the interpreter in ' +
    'a worker under Pyodide ("the interpreter exited (status 3)"): same error, worded for what stopped.',
};

interface Target {
  name: string;
  dir: string;
  file: string;
}

const fixtures = (kind: string): Target[] =>
  readdirSync(fromRoot('fixtures', 'apps', kind))
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((file) => ({ name: `${kind}/${file}`, dir: fromRoot('fixtures', 'apps', kind), file }));
const targets: Target[] = [
  ...loadGallery().map((ex) => ({ name: `examples/${ex.file}`, dir: fromRoot('examples'), file: ex.file })),
  ...fixtures('broken'),
  ...fixtures('clean'),
  ...fixtures('hostile'), // frameworks/ needs Debian's packages, which Pyodide does not have
];

const certify = (t: Target, python: string) =>
  certifyApp({ target: join(t.dir, t.file), cwd: t.dir, python, timeoutMs: 3000 });
const rows = (r: Report, withMessage: boolean) =>
  r.results.map((x) => `${x.case} ${x.rule} ${x.outcome}${withMessage ? ` ${x.message}` : ''}`);

describe('--python pyodide judges as CPython does', () => {
  afterAll(() => reusePyodideWorkers(false));
  // One interpreter boot for all the applications: a worker whose session ended cleanly is reset
  // and serves the next one; one that hung or died is stopped and a fresh one boots, as in the CLI.
  reusePyodideWorkers(true);
  // Pyodide one application at a time (a boot takes a core for seconds), CPython beside it.
  const runs = Promise.all([
    mapPool(targets, (t) => certify(t, CPYTHON), 1),
    mapPool(targets, (t) => certify(t, 'pyodide'), 1),
  ]);
  for (const [i, t] of targets.entries()) {
    it(t.name, async () => {
      const [cpythons, pyodides] = await runs;
      const [cpython, pyodide] = [cpythons[i], pyodides[i]] as [Report, Report];
      expect(pyodide.target.python).toMatch(/^pyodide \d+\.\d+\.\d+ \(Python 3\.\d+\.\d+\)$/);
      const exact = !(t.name in DIFFERENCES);
      expect(rows(pyodide, exact)).toEqual(rows(cpython, exact));
      expect(pyodide.target.error).toEqual(cpython.target.error);
    }, 1_800_000);
  }
});

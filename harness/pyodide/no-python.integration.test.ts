/**
 * `--python pyodide` on a machine without Python: the compiled bin runs with PATH reduced to a
 * folder holding only `node`, so no python3 (nor sh) can be found, and the gallery still gives
 * its declared verdicts, applications and middleware examples alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';

const bin = fromRoot('bin', 'wsgi-conformance.js');
const only = mkdtempSync(join(tmpdir(), 'wsgi-conformance-no-python-'));
symlinkSync(process.execPath, join(only, 'node'));

function run(...args: string[]) {
  const r = spawnSync(join(only, 'node'), [bin, ...args], {
    cwd: fromRoot(),
    encoding: 'utf8',
    env: { PATH: only, HOME: process.env.HOME ?? only, NO_COLOR: '1' },
    timeout: 900_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

afterAll(() => rmSync(only, { recursive: true, force: true }));

describe('--python pyodide with no python3 on PATH (the compiled bin)', () => {
  it('no python3 can be found on that PATH', () => {
    const r = spawnSync('python3', ['--version'], { env: { PATH: only } });
    expect(r.error?.message).toMatch(/ENOENT/);
  });

  it('app: the tutorial greeting that returns str fails body-items-bytes (exit 1)', () => {
    const r = run('app', 'examples/greeting_str.py', '--python', 'pyodide');
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('body-items-bytes');
    expect(r.out).toMatch(/pyodide \d+\.\d+\.\d+ \(Python 3\.\d+\.\d+\)/);
  }, 900_000);

  it('gallery: every example, middleware included, breaks exactly what it declares (exit 0)', () => {
    const r = run('gallery', '--python', 'pyodide');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/all \d+ examples behaved as declared/);
  }, 900_000);
});

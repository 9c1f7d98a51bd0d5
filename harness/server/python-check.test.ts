/**
 * Which interpreter runs a server: one that can import the server's module, where an import
 * still running at the check's time limit (a loaded machine) counts as importable, not as "not
 * installed".
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePython } from './python-check.js';

const PYTHON = '/usr/bin/python3';

describe('choosePython', () => {
  it('takes an interpreter whose import outlasts the check (a loaded machine), not only one that ends', async () => {
    // `import time; time.sleep(5)`: still importing when the 300 ms check gives up.
    expect(await choosePython('time; time.sleep(5)', PYTHON, 300)).toEqual({ python: PYTHON });
  });

  it('asks a slow interpreter once: a timed-out check is accepted, not repeated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgi-conf-slowpy-'));
    const python = join(dir, 'python');
    // Counts its runs, then outlasts the 300 ms check. `exec` so the kill reaches the sleep.
    writeFileSync(python, `#!/bin/sh\necho run >> ${dir}/runs\nexec sleep 5\n`);
    chmodSync(python, 0o755);
    expect(await choosePython('anything', python, 300)).toEqual({ python });
    expect(readFileSync(join(dir, 'runs'), 'utf8')).toBe('run\n');
  });

  it('refuses an interpreter that cannot import the module, saying why', async () => {
    const choice = await choosePython('no_such_module_wsgiconf', PYTHON);
    expect(choice.python).toBeUndefined();
    expect('reasons' in choice && choice.reasons.join('\n')).toMatch(/No module named 'no_such_module_wsgiconf'/);
  });

  it('refuses an interpreter that is not there', async () => {
    const choice = await choosePython('os', '/nonexistent/python3');
    expect('reasons' in choice && choice.reasons.join('\n')).toMatch(/not found/);
  });
});

/**
 * An interpreter check that timed out on a busy machine is tried again with more time, instead
 * of declaring the server not installed (a load-dependent "could not start").
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePython } from './python-check.js';

describe('choosePython on a busy machine', () => {
  it('tries a timed-out import again with more time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgi-conf-slowpy-'));
    const python = join(dir, 'python');
    // Slow the first time only, as an import is on a loaded machine.
    writeFileSync(python, `#!/bin/sh\nif [ ! -e ${dir}/seen ]; then touch ${dir}/seen; sleep 2; fi\nexit 0\n`);
    chmodSync(python, 0o755);
    expect(await choosePython('anything', python, 500)).toEqual({ python });
  });
});

const PYTHON = '/usr/bin/python3';

describe('choosePython', () => {
  it('takes an interpreter whose import outlasts the check (a loaded machine), not only one that finished', async () => {
    // `import time; time.sleep(5)`: still importing when the 300 ms check gives up.
    expect(await choosePython('time; time.sleep(5)', PYTHON, 300)).toEqual({ python: PYTHON });
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

/** Choosing an interpreter for a preset: a slow import is not a missing one. */
import { describe, expect, it } from 'vitest';
import { choosePython } from './python-check.js';

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

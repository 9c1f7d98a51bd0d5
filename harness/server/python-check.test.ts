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

/**
 * The real middleware matrix (Debian 12 packages for /usr/bin/python3): each fixture in
 * fixtures/middleware/real/ declares its verdict in its header, every failure and warning
 * linked to its finding in docs/findings/. A change in the suite's verdict is noticed here.
 * A missing package fails (never skips): .ci/run installs them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { compare, parseExpectation } from '../app/expectations.js';
import { certifyMiddleware } from './certify.js';

const PYTHON = '/usr/bin/python3';
const dir = fromRoot('fixtures', 'middleware', 'real');
const realMiddleware = readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .sort();

describe.concurrent('real middleware from Debian 12 gets its declared verdict', () => {
  for (const file of realMiddleware) {
    it(file, async () => {
      const source = readFileSync(join(dir, file), 'utf8');
      const expectation = parseExpectation(source);
      const report = await certifyMiddleware({
        target: `${join(dir, file)}:middleware`,
        cwd: dir,
        python: PYTHON,
        timeoutMs: 5000,
      });
      expect(compare(expectation, report)).toEqual([]);
      for (const rule of [...expectation.fail, ...expectation.warn])
        expect(source, `${file} links the finding for ${rule}`).toMatch(
          new RegExp(`docs/findings/[a-z]+-${rule}\\.md`),
        );
    }, 60_000);
  }
});

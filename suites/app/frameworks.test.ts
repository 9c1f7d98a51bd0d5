/**
 * Real frameworks (Debian packages) in-process: no MUST failure. Their SHOULD findings are
 * real deviations, each declared and explained in the fixture's header comment.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PYTHONS } from '../../harness/app-session.js';
import { fromRoot } from '../../harness/paths.js';
import { certifyApp } from './certify.js';
import { compare, parseExpectation } from './expectations.js';

const dir = fromRoot('fixtures', 'apps', 'frameworks');
const MODULES: Record<string, string> = { flask: 'flask', django: 'django', bottle: 'bottle', falcon: 'falcon', pyramid: 'pyramid' };

/** The framework is importable by one of the interpreters the runner would try. */
function installed(module: string): boolean {
  return DEFAULT_PYTHONS.some((py) => spawnSync(py, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0);
}

describe.concurrent('framework applications in-process', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) {
    const module = MODULES[file.split('_')[0] ?? ''] ?? '';
    const missing = !installed(module);
    it.skipIf(missing)(`${file}${missing ? ` (skipped: python3-${module} is not installed; .ci/run installs it)` : ''}`, async () => {
      const path = join(dir, file);
      const report = await certifyApp({ target: path, cwd: dir, timeoutMs: 5000 });
      expect(compare(parseExpectation(readFileSync(path, 'utf8')), report)).toEqual([]);
      expect(report.summary.mustFailures).toBe(0);
    });
  }
});

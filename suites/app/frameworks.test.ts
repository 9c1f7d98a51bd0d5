/**
 * Real frameworks (Debian packages) in-process: no MUST failure. Their SHOULD findings are
 * real deviations, each declared and explained in the fixture's header comment, which links
 * the finding with its standalone reproduction (docs/findings/<framework>-<rule>.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PYTHONS } from '../../harness/app-session.js';
import { fromRoot } from '../../harness/paths.js';
import { certifyApp } from './certify.js';
import { compare, parseExpectation } from './expectations.js';
import { itNeeds } from '../../test/requires.js';

const dir = fromRoot('fixtures', 'apps', 'frameworks');
const MODULES: Record<string, string> = {
  flask: 'flask',
  django: 'django',
  bottle: 'bottle',
  falcon: 'falcon',
  pyramid: 'pyramid',
  webob: 'webob',
};

/**
 * Debian's interpreter when there is one: the certified versions are the Debian packages
 *, and `python3` on PATH may carry other versions (pip's Flask 3 / Werkzeug 3).
 */
const DEBIAN_PYTHON = '/usr/bin/python3';
const python = existsSync(DEBIAN_PYTHON) ? DEBIAN_PYTHON : undefined;

/** The framework is importable by the interpreter the test uses (or one the runner would try). */
function installed(module: string): boolean {
  return (python ? [python] : DEFAULT_PYTHONS).some(
    (py) => spawnSync(py, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0,
  );
}

describe.concurrent('framework applications in-process', () => {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort()) {
    const module = MODULES[file.split('_')[0] ?? ''] ?? '';
    const missing = !installed(module) && `python3-${module} is not installed (apt-get install python3-${module})`;
    itNeeds(missing, file, async () => {
      const path = join(dir, file);
      const report = await certifyApp({ target: path, cwd: dir, timeoutMs: 5000, ...(python ? { python } : {}) });
      expect(compare(parseExpectation(readFileSync(path, 'utf8')), report)).toEqual([]);
      expect(report.summary.mustFailures).toBe(0);
    });
  }
});

describe('framework findings are declared with their evidence', () => {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort()) {
    it(file, () => {
      const source = readFileSync(join(dir, file), 'utf8');
      const framework = file.split('_')[0] ?? '';
      expect(MODULES[framework], `a known framework prefix (${Object.keys(MODULES).join(', ')})`).toBeDefined();
      const { fail, warn } = parseExpectation(source);
      for (const rule of [...fail, ...warn]) {
        const finding = `docs/findings/${framework}-${rule}.md`;
        expect(existsSync(fromRoot(finding)), `${finding} exists`).toBe(true);
        expect(source, `the header links ${finding}`).toContain(finding);
      }
    });
  }
});

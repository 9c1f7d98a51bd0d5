import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (with a trailing slash), whether this code runs from sources (tsx, vitest),
 * compiled into dist/ or bundled into one file: the nearest folder up with our package.json.
 * Python files, examples and fixtures are never copied, so they are found from here.
 */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'harness', 'python'))) return `${dir}/`;
    if (dirname(dir) === dir) throw new Error(`wsgi-conformance: no package root above ${start}`);
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

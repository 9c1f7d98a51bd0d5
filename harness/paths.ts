import { fileURLToPath } from 'node:url';

/**
 * The package root, whether this code runs from sources (tsx, vitest) or compiled into dist/:
 * Python files, examples and fixtures are not copied into dist/.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));

export function fromRoot(...parts: string[]): string {
  return [PACKAGE_ROOT.replace(/\/$/, ''), ...parts].join('/');
}

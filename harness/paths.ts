import { PACKAGE_ROOT } from '../spec/package-root.js';

export { PACKAGE_ROOT };

export function fromRoot(...parts: string[]): string {
  return [PACKAGE_ROOT.replace(/\/$/, ''), ...parts].join('/');
}

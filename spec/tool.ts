import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from './package-root.js';

const pkg = JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { version: string };

export const TOOL = { name: 'wsgi-conformance', version: pkg.version } as const;

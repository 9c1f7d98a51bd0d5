import { createRequire } from 'node:module';
import { fromRoot } from '../harness/paths.js';

const pkg = createRequire(import.meta.url)(fromRoot('package.json')) as { version: string };

export const TOOL = { name: 'wsgi-conformance', version: pkg.version } as const;

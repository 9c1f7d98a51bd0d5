/** `wsgi-conformance app TARGET`: certify one application in-process. */
import { certifyApp } from '../suites/app/certify.js';
import { selectCases } from '../suites/app/certify.js';
import { emitReport } from './emit.js';
import { parseRunOptions } from './options.js';
import { UsageError } from './usage.js';

export async function appCommand(argv: string[]): Promise<number> {
  const options = parseRunOptions(argv);
  const [target, ...extra] = options.positionals;
  if (!target) throw new UsageError('app needs a TARGET: path/to/file.py, file.py:callable or module:callable');
  if (extra.length) throw new UsageError(`app takes one TARGET, got also: ${extra.join(' ')}`);
  if (options.only.length && !selectCases(options.only).length) {
    throw new UsageError(`--only ${options.only.join(',')} matches no case or rule id (see: wsgi-conformance rules)`);
  }
  const python = options.python ? ` --python ${options.python}` : '';
  const report = await certifyApp({
    target,
    cwd: process.cwd(),
    timeoutMs: options.timeoutMs,
    ...(options.python ? { python: options.python } : {}),
    only: options.only,
    rerun: (id) => `npx wsgi-conformance app ${target}${python} --only ${id}`,
  });
  return emitReport(report, options);
}

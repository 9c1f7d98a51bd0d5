/** `wsgi-conformance app TARGET`: certify one application in-process. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { certifyApp, selectCases } from '../suites/app/certify.js';
import { parseRunOptions } from './options.js';
import { takeRouteOptions } from './route-options.js';
import { RunSession } from './run-session.js';
import { UsageError } from './usage.js';

export async function appCommand(argv: string[]): Promise<number> {
  const routes = takeRouteOptions(argv);
  const options = parseRunOptions(routes.rest);
  if (routes.sourceRoot && !(existsSync(routes.sourceRoot) && statSync(routes.sourceRoot).isDirectory())) {
    throw new UsageError(`--source-root ${routes.sourceRoot}: not a folder`);
  }
  const [target, ...extra] = options.positionals;
  if (!target) throw new UsageError('app needs a TARGET: path/to/file.py, file.py:callable or module:callable');
  if (extra.length) throw new UsageError(`app takes one TARGET, got also: ${extra.join(' ')}`);
  if (options.only.length && !selectCases(options.only).length) {
    throw new UsageError(`--only ${options.only.join(',')} matches no case or rule id (see: wsgi-conformance rules)`);
  }
  const routeArgs = routes.rerunArgs.length ? ` ${routes.rerunArgs.join(' ')}` : '';
  const python = `${options.python ? ` --python ${options.python}` : ''}${routeArgs}`;
  const session = new RunSession(options);
  session.checkBaseline('app');
  return session.run(async () => {
    const observer = session.observe({
      kind: 'app',
      name: target,
      cases: selectCases(options.only, options.shard).length,
      routes: routes.given,
    });
    const report = await certifyApp({
      target,
      cwd: process.cwd(),
      timeoutMs: options.timeoutMs,
      ...(options.python ? { python: options.python } : {}),
      only: options.only,
      requests: routes.requests,
      crawl: routes.crawl,
      ...(routes.sourceRoot ? { sourceRoot: resolve(routes.sourceRoot) } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      rerun: (id) => `npx wsgi-conformance app ${target}${python} --only ${id}`,
      ...observer,
    });
    session.end(report);
  });
}

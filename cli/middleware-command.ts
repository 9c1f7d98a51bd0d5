/**
 * `wsgi-conformance middleware TARGET [--arg k=v]... [--request-header "Name: value"]...`:
 * certify a middleware factory, `factory(app, **args) -> wsgi_app`, from both sides.
 */
import { certifyMiddleware, selectMiddlewareCases } from '../suites/middleware/certify.js';
import { parseRunOptions } from './options.js';
import { RunSession } from './run-session.js';
import { UsageError } from './usage.js';

export interface MiddlewareArgs {
  rest: string[];
  args: Record<string, unknown>;
  headers: [string, string][];
  /** The options again, as a re-run command needs them. */
  echo: string;
}

/** `--arg k=v`: v as JSON when it parses (5, true, "x", ["a"]), else the text itself. */
export function parseArgValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Takes --arg and --request-header out of argv (both repeatable), leaving the shared options. */
export function takeMiddlewareOptions(argv: string[]): MiddlewareArgs {
  const rest: string[] = [];
  const args: Record<string, unknown> = {};
  const headers: [string, string][] = [];
  const echo: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const m = /^--(arg|request-header)(?:=(.*))?$/s.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${m[1]} needs a value`);
    if (m[1] === 'arg') {
      const eq = value.indexOf('=');
      const key = value.slice(0, eq);
      if (eq < 1 || !/^[A-Za-z_]\w*$/.test(key))
        throw new UsageError(`--arg takes NAME=VALUE (a Python keyword argument), got "${value}"`);
      args[key] = parseArgValue(value.slice(eq + 1));
    } else {
      const colon = value.indexOf(':');
      const name = value.slice(0, colon).trim();
      if (colon < 1 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
        throw new UsageError(`--request-header takes "Name: value", got "${value}"`);
      headers.push([name, value.slice(colon + 1).trim()]);
    }
    echo.push(`--${m[1]} ${JSON.stringify(value)}`);
  }
  return { rest, args, headers, echo: echo.map((e) => ` ${e}`).join('') };
}

export async function middlewareCommand(argv: string[]): Promise<number> {
  const mw = takeMiddlewareOptions(argv);
  const options = parseRunOptions(mw.rest);
  const [target, ...extra] = options.positionals;
  if (!target)
    throw new UsageError(
      'middleware needs a TARGET: a factory, factory(app) -> wsgi_app (file.py:name or module:name)',
    );
  if (extra.length) throw new UsageError(`middleware takes one TARGET, got also: ${extra.join(' ')}`);
  if (options.only.length && !selectMiddlewareCases(options.only).length) {
    throw new UsageError(`--only ${options.only.join(',')} matches no case or rule id (see: wsgi-conformance rules)`);
  }
  const python = options.python ? ` --python ${options.python}` : '';
  const session = new RunSession(options);
  session.checkBaseline('middleware');
  return session.run(async () => {
    const observer = session.observe({
      kind: 'middleware',
      name: target,
      cases: selectMiddlewareCases(options.only, options.shard).length,
    });
    const report = await certifyMiddleware({
      target,
      cwd: process.cwd(),
      timeoutMs: options.timeoutMs,
      args: mw.args,
      requestHeaders: mw.headers,
      ...(options.python ? { python: options.python } : {}),
      only: options.only,
      ...(options.shard ? { shard: options.shard } : {}),
      rerun: (id) => `npx wsgi-conformance middleware ${target}${mw.echo}${python} --only ${id}`,
      ...observer,
    });
    session.end(report);
  });
}

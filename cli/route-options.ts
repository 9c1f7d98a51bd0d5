/**
 * The options of `app` that choose the application's routes: --path, --request with its
 * --header and --data, --requests FILE, --crawl N, and --source-root. They are taken out of
 * argv here, in order (a --header belongs to the --request or --path before it), and the rest
 * goes to the shared option parser.
 */
import { readFileSync } from 'node:fs';
import {
  parseHeader,
  parseHttpFile,
  parseRequestLine,
  RequestSyntaxError,
  type UserRequest,
} from '../suites/app/requests.js';
import { UsageError } from './usage.js';

export interface RouteOptions {
  /** argv without the route options. */
  rest: string[];
  requests: UserRequest[];
  crawl: number;
  sourceRoot?: string;
  /** The route options as given, for the command that re-runs one case. */
  rerunArgs: string[];
  /** The options that choose requests (all but --source-root), unquoted: what the stream header records. */
  given: string[];
}

const TAKES_VALUE = new Set(['--path', '--request', '--header', '--data', '--requests', '--crawl', '--source-root']);

/** Upper bound of --crawl: each request is one in-process call, but a report of more routes is unreadable. */
export const MAX_CRAWL = 10_000;

export function takeRouteOptions(argv: readonly string[]): RouteOptions {
  const out: RouteOptions = { rest: [], requests: [], crawl: 0, rerunArgs: [], given: [] };
  let last: UserRequest | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!TAKES_VALUE.has(name)) {
      out.rest.push(arg);
      continue;
    }
    let value: string;
    if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      value = next;
      i += 1;
    }
    out.rerunArgs.push(name, quote(value));
    if (name !== '--source-root') out.given.push(name, value);
    try {
      last = apply(out, name, value, last);
    } catch (e) {
      if (e instanceof RequestSyntaxError) throw new UsageError(`${name}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

function apply(out: RouteOptions, name: string, value: string, last: UserRequest | undefined): UserRequest | undefined {
  switch (name) {
    case '--path':
    case '--request': {
      const line = name === '--path' ? `GET ${value}` : value;
      const request: UserRequest = { ...parseRequestLine(line), headers: [] };
      out.requests.push(request);
      return request;
    }
    case '--header':
      if (!last) throw new UsageError('--header belongs to the --request (or --path) before it; give that first');
      last.headers.push(parseHeader(value));
      return last;
    case '--data':
      if (!last) throw new UsageError('--data belongs to the --request before it; give that first');
      last.body = value.startsWith('@') ? readText(value.slice(1), '--data') : value;
      return last;
    case '--requests':
      out.requests.push(...parseHttpFile(readText(value, '--requests'), value));
      return undefined;
    case '--crawl': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_CRAWL)
        throw new UsageError(`--crawl takes a number of requests from 1 to ${MAX_CRAWL}, got "${value}"`);
      out.crawl = n;
      return last;
    }
    default:
      out.sourceRoot = value;
      return last;
  }
}

function readText(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `${option} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}

/** Shell quoting for the re-run command line. */
function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

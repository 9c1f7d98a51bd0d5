/**
 * Requests of the user's choosing (--path, --request, --requests FILE) as gateway scenarios.
 * Each is a plain request on one of the application's own routes; the route label
 * ("GET /api/items?page=2") names its call in every report.
 */
import type { ScenarioSpec } from '../../harness/protocol.js';

export interface UserRequest {
  method: string;
  /** Path and query as sent on the wire (percent-encoded), e.g. `/files/caf%C3%A9.txt?x=1`. */
  target: string;
  headers: Array<[string, string]>;
  /** Body as text; sent UTF-8 encoded. */
  body?: string;
}

/** A request target or URL that cannot be requested in-process, or a malformed .http file. */
export class RequestSyntaxError extends Error {}

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BASE = 'http://localhost';

/** `/path?query`, percent-encoded the way a client would send it; absolute URLs keep only path and query. */
export function normalizeTarget(raw: string): string {
  const text = raw.trim();
  if (!text) throw new RequestSyntaxError('an empty request target');
  let url: URL;
  try {
    url = new URL(text, `${BASE}/`);
  } catch {
    throw new RequestSyntaxError(`not a request target or URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RequestSyntaxError(`not an http URL: "${raw}"`);
  return url.pathname + url.search;
}

/** "METHOD PATH" (the form of --request), e.g. "POST /api/items". A bare path means GET. */
export function parseRequestLine(line: string): Pick<UserRequest, 'method' | 'target'> {
  const parts = line.trim().split(/\s+/);
  if (parts.length === 1) return { method: 'GET', target: normalizeTarget(parts[0] ?? '') };
  const [method, target, version, ...rest] = parts;
  if (!method || !METHOD.test(method) || rest.length || (version && !/^HTTP\/\d(\.\d)?$/.test(version))) {
    throw new RequestSyntaxError(`expected "METHOD PATH" (e.g. "GET /api/items"), got "${line}"`);
  }
  return { method: method.toUpperCase(), target: normalizeTarget(target ?? '') };
}

/** "Name: value" (--header, and header lines of a .http file). */
export function parseHeader(line: string): [string, string] {
  const colon = line.indexOf(':');
  const name = colon > 0 ? line.slice(0, colon).trim() : '';
  if (!name || !METHOD.test(name)) throw new RequestSyntaxError(`expected a header "Name: value", got "${line}"`);
  return [name, line.slice(colon + 1).trim()];
}

/**
 * The .http format of editors' REST clients: requests separated by lines starting with `###`;
 * each is `METHOD URL [HTTP/1.1]`, header lines, a blank line, then the body. Lines starting
 * with `#` or `//` before the request line are comments.
 */
export function parseHttpFile(text: string, file: string): UserRequest[] {
  const out: UserRequest[] = [];
  const blocks = text.replace(/\r\n?/g, '\n').split(/^###.*$/m);
  let lineNo = 1;
  for (const block of blocks) {
    const lines = block.split('\n');
    const startLine = lineNo;
    lineNo += lines.length - 1;
    let i = 0;
    while (i < lines.length && (!lines[i]?.trim() || /^\s*(#|\/\/)/.test(lines[i] ?? ''))) i += 1;
    if (i >= lines.length) continue;
    const at = `${file}:${startLine + i}`;
    try {
      const { method, target } = parseRequestLine(lines[i] ?? '');
      const headers: Array<[string, string]> = [];
      i += 1;
      while (i < lines.length && lines[i]?.trim()) {
        headers.push(parseHeader(lines[i] ?? ''));
        i += 1;
      }
      const body = lines
        .slice(i + 1)
        .join('\n')
        .replace(/\n+$/, '');
      out.push({ method, target, headers, ...(body ? { body } : {}) });
    } catch (e) {
      if (e instanceof RequestSyntaxError) throw new RequestSyntaxError(`${at}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

/** How a route is named in reports: "GET /api/items?page=2". */
export function routeLabel(r: Pick<UserRequest, 'method' | 'target'>): string {
  return `${r.method} ${r.target}`;
}

/** The gateway scenario for a user request; `name` must be unique in the run. */
export function routeScenario(r: UserRequest, name: string, links: boolean): ScenarioSpec {
  const q = r.target.indexOf('?');
  const path = q < 0 ? r.target : r.target.slice(0, q);
  const query = q < 0 ? '' : r.target.slice(q + 1);
  const hasHost = r.headers.some(([n]) => n.toLowerCase() === 'host');
  const headers: Array<[string, string]> = [
    ...(hasHost ? [] : [['Host', 'localhost'] as [string, string]]),
    ...r.headers,
  ];
  // The gateway takes latin-1 text, one char per byte: encode the body as a client would (UTF-8).
  const body = r.body === undefined ? undefined : Buffer.from(r.body, 'utf8').toString('latin1');
  return {
    name,
    method: r.method,
    path,
    query,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(links ? { links: true } : {}),
  };
}

/**
 * A link found in a response, as a GET of the same application, or undefined for another
 * site, another scheme, or a mere fragment. Relative links resolve against the page's route.
 */
export function sameAppLink(link: string, from: string): string | undefined {
  const text = link.trim();
  if (!text || text.startsWith('#')) return undefined;
  let url: URL;
  try {
    url = new URL(text, `${BASE}${from}`);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  return url.pathname + url.search;
}

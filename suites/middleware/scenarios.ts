/**
 * The requests a middleware certification makes. The application-side scenarios run
 * unchanged (the middleware wraps the plain inner application), then one request per inner
 * behaviour; an early stop of the plain inner application is the application side's own
 * `early-stop` (the towards-application cases read every call). Every request but the minimal
 * one carries what browsers and proxies send, since middleware often acts only on such headers
 * (gzip on Accept-Encoding, CORS on Origin).
 */
import type { InnerApp, ScenarioSpec } from '../../harness/protocol.js';
import { type Scenario, scenarios as appScenarios } from '../app/scenarios.js';

type Header = [string, string];

export const BROWSER_HEADERS: readonly Header[] = [
  ['Accept', 'text/html,application/xhtml+xml,*/*;q=0.8'],
  ['Accept-Encoding', 'gzip, deflate'],
  ['Accept-Language', 'en-GB,en;q=0.9'],
  ['Cookie', 'session=abc123; theme=dark'],
  ['Origin', 'http://example.test'],
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) wsgi-conformance'],
  ['X-Forwarded-For', '203.0.113.7'],
  ['X-Forwarded-Proto', 'https'],
  ['X-Forwarded-Host', 'example.test'],
];

export interface MiddlewareScenario extends Scenario {
  /** Judged towards the server by the application cases too (the application suite's own requests). */
  readonly appSide: boolean;
}

const HOST: Header = ['Host', 'localhost'];
const inner = (
  name: string,
  app: InnerApp,
  description: string,
  extra: Partial<ScenarioSpec> = {},
): MiddlewareScenario => ({
  spec: { name, method: 'GET', path: '/', headers: [HOST], inner: app, ...extra },
  description,
  appSide: false,
});

const innerScenarios: readonly MiddlewareScenario[] = [
  inner(
    'inner-lazy',
    'lazy',
    'GET /; the inner application calls start_response on its first next() and yields empty chunks between data',
  ),
  inner('inner-write', 'write', 'GET /; the inner application sends part of its body through write()'),
  inner(
    'inner-error-before',
    'error-before',
    'GET /; the inner application calls start_response again with exc_info before its first chunk',
  ),
  inner(
    'inner-error-after',
    'error-after',
    'GET /; the inner application yields a chunk, then calls start_response with exc_info',
  ),
  inner('inner-raise', 'raise-in-iteration', 'GET /; the inner iterable raises on its second item'),
  inner(
    'inner-exc-info-ref',
    'exc-info-ref',
    'GET /; before its first chunk, the inner application replaces its headers with exc_info, then drops the exception',
  ),
  inner(
    'inner-input',
    'input',
    'POST / with a form body; the inner application reads wsgi.input with read, readline, readlines and iteration',
    {
      method: 'POST',
      headers: [HOST, ['Content-Type', 'text/plain'], ['Content-Length', '22']],
      body: 'line one\nline two\nend\n'.slice(0, 22),
    },
  ),
  inner(
    'inner-file-wrapper',
    'file-wrapper',
    'GET /static.txt; the inner application serves a file through wsgi.file_wrapper',
    { path: '/static.txt' },
  ),
  inner('inner-proxied', 'plain', 'GET /caf%C3%A9?x=1 through a proxy (X-Forwarded-*), with cookies', {
    path: '/caf%C3%A9',
    query: 'x=1',
  }),
];

/** Every request, with the browser's headers and the user's --request-header added. */
export function middlewareScenarios(extraHeaders: readonly Header[] = []): MiddlewareScenario[] {
  const all: MiddlewareScenario[] = [
    ...appScenarios.map((s) => ({ ...s, spec: { ...s.spec, inner: 'plain' as const }, appSide: true })),
    ...innerScenarios,
  ];
  return all.map((s) => {
    if (s.spec.minimal) return s;
    const given = s.spec.headers ?? [];
    const names = new Set([...given, ...extraHeaders].map(([n]) => n.toLowerCase()));
    const browser = BROWSER_HEADERS.filter(([n]) => !names.has(n.toLowerCase()));
    return { ...s, spec: { ...s.spec, headers: [...given, ...browser, ...extraHeaders] } };
  });
}

/**
 * The request matrix the in-process gateway calls every application with, in order.
 * Each is a plain request plus, where noted, a gateway situation the PEP allows.
 */
import type { ScenarioSpec } from '../../harness/protocol.js';

const HOST: [string, string] = ['Host', 'localhost'];
const FORM: [string, string] = ['Content-Type', 'application/x-www-form-urlencoded'];
const get = (name: string, extra: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  name,
  method: 'GET',
  path: '/',
  headers: [HOST],
  ...extra,
});

export interface Scenario {
  readonly spec: ScenarioSpec;
  readonly description: string;
}

export const scenarios: readonly Scenario[] = [
  { spec: get('get'), description: 'GET / over HTTP/1.1' },
  { spec: { ...get('head'), method: 'HEAD' }, description: 'HEAD /' },
  {
    spec: { name: 'post', method: 'POST', path: '/', headers: [HOST, FORM], body: 'name=wsgi&lang=python' },
    description: 'POST / with a 21-byte form body',
  },
  {
    spec: { name: 'post-empty', method: 'POST', path: '/', headers: [HOST, FORM, ['Content-Length', '0']] },
    description: 'POST / with an empty body (CONTENT_LENGTH 0)',
  },
  {
    spec: get('query', { path: '/search', query: 'q=caf%C3%A9&page=2' }),
    description: 'GET /search?q=caf%C3%A9&page=2',
  },
  {
    spec: get('non-ascii-path', { path: '/caf%C3%A9' }),
    description: "GET /caf%C3%A9 (PATH_INFO is the latin-1-tunnelled '/cafÃ©')",
  },
  {
    spec: { name: 'minimal', method: 'GET', scriptName: '/app', path: '', protocol: 'HTTP/1.0', minimal: true },
    description:
      'minimal environ: only the keys PEP 3333 requires (app mounted at /app, empty PATH_INFO omitted, no ' +
      'headers, no wsgi.file_wrapper)',
  },
  {
    spec: get('early-stop', { stopAfter: 1 }),
    description: 'GET /; the gateway stops iterating after the first item and calls close()',
  },
  {
    spec: get('late-error', { headersSent: true }),
    description: 'GET /; the gateway has already sent the headers, so start_response(..., exc_info) raises exc_info[1]',
  },
  {
    spec: get('callable-object', { startResponse: 'object' }),
    description: 'GET / with start_response passed as a callable object, not a function',
  },
  { spec: get('get-again'), description: 'GET / again: the same application object is invoked once more' },
  { spec: get('run-once', { runOnce: true }), description: 'GET / with wsgi.run_once True' },
  { spec: get('after-run-once'), description: 'GET / after the wsgi.run_once call' },
];

export const scenarioNames = scenarios.map((s) => s.spec.name);

export function scenarioByName(name: string): Scenario | undefined {
  return scenarios.find((s) => s.spec.name === name);
}

/** Ordinary requests: an application should answer each without raising. */
export const ORDINARY = ['get', 'head', 'post', 'post-empty', 'query', 'non-ascii-path', 'get-again'] as const;

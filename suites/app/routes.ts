/**
 * Calls on the application's own routes, after the built-in scenarios: the user's requests,
 * then (with --crawl N) the links their responses and the pages they lead to offer,
 * breadth-first, same application only, up to N crawled requests.
 */
import type { AppSession, CallRecord } from '../../harness/app-session.js';
import type { RunnerEvent } from '../../harness/protocol.js';
import { routeLabel, routeScenario, sameAppLink, type UserRequest } from './requests.js';

export interface RouteOptions {
  /** Requests of the user's choosing, in order. */
  requests?: readonly UserRequest[];
  /** Follow same-application links for up to this many further requests (0: no crawl). */
  crawl?: number;
}

/** After this many route calls in a row that hung or killed the interpreter, the rest are not attempted. */
const GIVE_UP_AFTER = 2;

export function plannedRoutes(o: RouteOptions): number {
  return (o.requests?.length ?? 0) + (o.crawl ?? 0);
}

/** Runs every route call; `progress(done)` after each. Route calls carry `route` (their label). */
export async function runRoutes(
  session: AppSession,
  o: RouteOptions,
  progress: (label: string) => void,
): Promise<CallRecord[]> {
  const crawl = o.crawl ?? 0;
  const queue: Array<{ request: UserRequest; crawled: boolean }> = (o.requests ?? []).map((request) => ({
    request,
    crawled: false,
  }));
  const seen = new Set(queue.filter((q) => q.request.method === 'GET').map((q) => q.request.target));
  if (crawl > 0 && !seen.has('/')) {
    queue.push({ request: { method: 'GET', target: '/', headers: [] }, crawled: true });
    seen.add('/');
  }
  const names = new Map<string, number>();
  const records: CallRecord[] = [];
  let crawled = 0;
  let broken = 0;
  for (let i = 0; i < queue.length; i++) {
    const { request, crawled: isCrawl } = queue[i] as (typeof queue)[number];
    if (isCrawl && crawled >= crawl) break;
    if (isCrawl) crawled += 1;
    const label = routeLabel(request);
    const n = (names.get(label) ?? 0) + 1;
    names.set(label, n);
    const name = n > 1 ? `${label} #${n}` : label;
    if (broken >= GIVE_UP_AFTER) {
      records.push({
        scenario: name,
        route: label,
        events: [],
        error: { code: 'runner-died', message: `not attempted after ${GIVE_UP_AFTER} calls in a row failed` },
      });
      continue;
    }
    const record = await session.call(`r${i + 1}`, routeScenario(request, name, crawl > 0));
    broken = record.error && record.error.code !== 'endless-body' ? broken + 1 : 0;
    records.push({ ...record, route: label });
    progress(name);
    if (crawl <= 0) continue;
    for (const event of record.events) {
      if (event.type !== 'links') continue;
      for (const link of event.links) {
        const target = sameAppLink(link, request.target);
        if (target === undefined || seen.has(target)) continue;
        seen.add(target);
        queue.push({ request: { method: 'GET', target, headers: [] }, crawled: true });
      }
    }
  }
  return records;
}

/** Suffixes of the calls that test whether the application decodes PATH_INFO a second time. */
export const PATH_PROBE = ' [path probe]';
export const PATH_CONTROL = ' [path control]';
/** Routes probed at most: two calls each. */
const MAX_PATH_PROBES = 20;

/**
 * The path with its last letter written as `%25XX` (PATH_INFO then holds the three characters
 * `%XX`), and a control where `%XX` stands for another letter. An application that decodes
 * PATH_INFO again answers the probe as the original route and the control differently.
 */
export function pathProbes(target: string): { probe: string; control: string } | undefined {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q);
  for (let i = path.length - 1; i >= 0; i--) {
    const c = path[i] as string;
    // Not a hex digit of an escape already there (…%4F…).
    if (!/[A-Za-z]/.test(c) || path[i - 1] === '%' || path[i - 2] === '%') continue;
    const other = c === 'z' ? 'y' : c === 'Z' ? 'Y' : String.fromCharCode(c.charCodeAt(0) + 1);
    const hex = (ch: string) => ch.charCodeAt(0).toString(16).toUpperCase();
    const at = (ch: string) => `${path.slice(0, i)}%25${hex(ch)}${path.slice(i + 1)}${query}`;
    return { probe: at(c), control: at(other) };
  }
  return undefined;
}

/** The status a call answered with (its last accepted start_response), if any. */
export function statusOf(record: { readonly events: readonly RunnerEvent[] }): string | undefined {
  const sr = record.events.filter((e) => e.type === 'start-response' && e.result === 'ok').at(-1);
  return sr?.type === 'start-response' ? sr.args[0]?.v : undefined;
}

/** Probe and control calls for GET requests that answered 2xx (`targets`: scenario name -> request target). */
export async function runPathProbes(
  session: AppSession,
  records: readonly CallRecord[],
  targets: ReadonlyMap<string, string>,
): Promise<CallRecord[]> {
  const out: CallRecord[] = [];
  let probed = 0;
  for (const record of records) {
    const target = targets.get(record.scenario);
    if (probed >= MAX_PATH_PROBES || record.error || !target || !/^2\d\d/.test(statusOf(record) ?? '')) continue;
    const probes = pathProbes(target);
    if (!probes) continue;
    probed += 1;
    for (const [suffix, path] of [
      [PATH_PROBE, probes.probe],
      [PATH_CONTROL, probes.control],
    ] as const) {
      const name = `${record.scenario}${suffix}`;
      const call = await session.call(
        `p${probed}${suffix === PATH_PROBE ? 'a' : 'b'}`,
        routeScenario({ method: 'GET', target: path, headers: [] }, name, false),
      );
      out.push(call);
    }
  }
  return out;
}

/**
 * Calls on the application's own routes, after the built-in scenarios: the user's requests,
 * then (with --crawl N) the links their responses and the pages they lead to offer,
 * breadth-first, same application only, up to N crawled requests.
 */
import type { AppSession, CallRecord } from '../../harness/app-session.js';
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
export async function runRoutes(session: AppSession, o: RouteOptions, progress: (label: string) => void): Promise<CallRecord[]> {
  const crawl = o.crawl ?? 0;
  const queue: Array<{ request: UserRequest; crawled: boolean }> = (o.requests ?? []).map((request) => ({ request, crawled: false }));
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
      records.push({ scenario: name, route: label, events: [], error: { code: 'runner-died', message: `not attempted after ${GIVE_UP_AFTER} calls in a row failed` } });
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

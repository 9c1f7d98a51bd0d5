/**
 * head-reaches-app (rfc9110-head-supported) judges only when certain: a GET to the same target
 * served by the application first, then a refusal (501, 405) of HEAD that never reached it.
 * Everything else passes (the application ran) or is left unjudged.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange, ProbeRequest } from '../../harness/server/exchange.js';
import type { Fact } from '../../harness/server/facts.js';
import type { ConnTarget } from '../../harness/server/tls.js';
import type { Observed } from './case.js';
import { methodCases } from './methods.js';

const headCase = methodCases.find((c) => c.id === 'head-reaches-app');
const CALL = { ev: 'call', scenario: 'environ', nargs: 2, kwargs: [] } as unknown as Fact;
const exchange = (id: string, status?: number, error?: string): Exchange =>
  ({
    id,
    headers: [],
    body: Buffer.alloc(0),
    notes: [],
    transcript: `${id}: ${status ?? error}`,
    raw: Buffer.alloc(0),
    reads: [],
    ms: 1,
    loopStallMs: 0,
    ...(status !== undefined ? { status } : {}),
    ...(error !== undefined ? { error } : {}),
  }) as Exchange;
const seen = (id: string, status: number | undefined, called: boolean, error?: string): Observed => ({
  ex: exchange(id, status, error),
  facts: called ? [CALL] : [],
});

/** Runs the case's two requests against canned answers, then its check; also returns what was sent. */
async function judge(get: Observed, head: Observed) {
  const sent: ProbeRequest[] = [];
  const send = async (_suffix: string, req: ProbeRequest) => {
    sent.push(req);
    return req.method === 'HEAD' ? head : get;
  };
  const run = headCase?.run as NonNullable<NonNullable<typeof headCase>['run']>;
  const o = await run(send, { host: '127.0.0.1', port: 1 } as ConnTarget);
  return { out: headCase?.check(o), sent };
}

describe('head-reaches-app', () => {
  it('sends GET, then HEAD, to the same target', async () => {
    const { sent } = await judge(seen('get', 200, true), seen('head', 200, true));
    expect(sent.map((r) => r.method)).toEqual(['GET', 'HEAD']);
    expect(sent[0]?.target).toBe(sent[1]?.target);
  });

  it('passes when the application was called for HEAD', async () => {
    expect((await judge(seen('get', 200, true), seen('head', 200, true))).out).toEqual([]);
  });

  it('passes when the answer was lost after the application ran (rfc9110-no-body-head judges that)', async () => {
    const lost = seen('head', undefined, true, 'the connection closed after 0 bytes');
    expect((await judge(seen('get', 200, true), lost)).out).toEqual([]);
  });

  for (const status of [501, 405]) {
    it(`fails on ${status} to HEAD without a call, after the application served GET`, async () => {
      const { out } = await judge(seen('get', 200, true), seen('head', status, false));
      expect(Array.isArray(out) && out.map((b) => b.rule)).toEqual(['rfc9110-head-supported']);
      expect(JSON.stringify(out)).toContain(`answered ${status} without calling the application`);
    });
  }

  it('skips when GET was not served by the application: the server, not HEAD, is broken', async () => {
    for (const get of [seen('get', 501, false), seen('get', 200, false)]) {
      const { out } = await judge(get, seen('head', 501, false));
      expect(out).toHaveProperty('skip');
      expect(out).not.toHaveProperty('again');
    }
  });

  it('tries again when GET got no answer at all (a queue on a busy machine)', async () => {
    const { out, sent } = await judge(seen('get', undefined, false, 'timed out'), seen('head', 501, false));
    expect(out).toMatchObject({ again: true });
    // A request the probe never saw is sent once more first.
    expect(sent.map((r) => r.method)).toEqual(['GET', 'GET', 'HEAD']);
  });

  it('does not judge an answer to HEAD that is no refusal of the method', async () => {
    for (const status of [400, 500, 200]) {
      expect((await judge(seen('get', 200, true), seen('head', status, false))).out).toBeNull();
    }
  });
});

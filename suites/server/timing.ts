/**
 * PEP 3333, Buffering and Streaming, The start_response() Callable and Specification Details,
 * where only time shows the rule: when the headers and each block reach the client, and
 * whether close() still comes when the client leaves mid-response. Plus the exc_info
 * reference rule, which needs the same probe module.
 *
 * The timed cases go through the `run` escape hatch: the probe tells where the suite reached
 * the server (its Host header), the case sends its request over a raw socket that stamps
 * every read (harness/server/exchange.ts, with a timeline), and the request's side-channel facts are
 * polled over HTTP from the probe itself (scenario facts-of).
 *
 * Margins: the probe sleeps TIMING_SLEEP_MS (600 ms) at the point that matters, so the
 * two outcomes of a timing case are the whole sleep apart on the wire: a conforming server
 * shows all of it between two blocks and none of it between the headers and the first
 * block, a non-conforming one the opposite. A verdict needs the measured gap at most
 * NOT_SHOWN_MS (150 ms) or at least SHOWN_MS (400 ms); in between, or when the client's own
 * event loop stalled more than 150 ms during the exchange (a loaded machine can make reads
 * late and merge them), the case does not judge.
 */
import {
  arrivalOf,
  headersArrival,
  sendProbe,
  type Exchange,
  type ProbeRequest,
} from '../../harness/server/exchange.js';
import { firstFact, parseFact } from '../../harness/probe-protocol.js';
import type { Fact } from '../../harness/server/facts.js';
import { defineServerCases, breach, observation, type Observed, type ServerCase } from './case.js';

/** TIMING_SLEEP in _wsgiconf_probe_timing.py. */
export const TIMING_SLEEP_MS = 600;
/** A gap at least this long is the server's doing (two thirds of the sleep). */
const SHOWN_MS = 400;
/** A gap at most this long means the server did not wait for the sleep. */
const NOT_SHOWN_MS = 150;
/** Reads may be this late when the client's event loop stalled this long: then no verdict. */
const MAX_LOOP_STALL_MS = 150;
/** For the timed request; queueing behind other cases on a single-threaded server included. */
const TIMED_TIMEOUT_MS = 5000;
/**
 * After the client left, the facts are polled this long for close(). A server notices the
 * disconnect when a write fails (the second write after it, ~200 ms); one that does not
 * notice iterates to the end (1.4 s more) and should close then. So 4.5 s covers both,
 * with QUIET_MS on top.
 */
const POLL_MS = 4500;
/**
 * A finding needs the iterable left alone this long: no item pulled, no close(). A
 * conforming server calls close() right after its last next() (same thread, microseconds).
 */
const QUIET_MS = 1500;
/** STREAM_ITEMS in the probe: the last item is item-14. */
const LAST_ITEM = 'item-14';
/** Why close-after-client-left cannot judge a server that held the body back until it was complete. */
export const BUFFERED_WHOLE =
  `the whole body (up to ${LAST_ITEM}) reached the client at once, before it could leave: ` +
  'the server buffered the response (body-unbuffered judges that), so no client left early';

/** `leaveAfter`: the client leaves as soon as the response holds this text. */
type TimedPlan = { leaveAfter?: string };

type Send = Parameters<NonNullable<ServerCase['run']>>[0];

/** Ask the probe where the suite reached it (a retry for a request lost before the app). */
export async function address(send: Send): Promise<{ o: Observed; host?: string; port?: number }> {
  let o = await send('address', { scenario: 'address' });
  if (o.ex.error && !o.facts.some((f) => f.ev === 'call')) o = await send('address-again', { scenario: 'address' });
  const host = observation(o, 'address')?.host;
  const m = host ? /^\[?([^\]]*?)\]?:(\d+)$/.exec(host) : null;
  return m ? { o, host: m[1] as string, port: Number(m[2]) } : { o };
}

/** The side-channel facts of request `rid`, read by the probe; ends with a `read-at` fact (the probe's clock). */
export async function factsOf(send: Send, rid: string, n: number): Promise<Fact[]> {
  const o = await send(`facts-${n}`, { scenario: 'facts-of', headers: [['X-Probe-Of', rid]] });
  // The facts travel in the observation: each is checked as the side channel's are.
  return (observation(o, 'facts-of')?.facts ?? []).map(parseFact);
}

/**
 * The timed request of a case: learn the address, send `req` over the timed socket, then
 * (with `settled`) poll its facts until `settled` says they are complete or `maxMs` passed.
 */
function timed(req: ProbeRequest, plan: TimedPlan, settled?: (facts: Fact[]) => boolean, maxMs = 0): ServerCase['run'] {
  return async (send, server) => {
    const where = await address(send);
    if (where.host === undefined || where.port === undefined) return where.o;
    const rid = `${where.o.ex.id.replace(/-address(-again)?$/, '')}-timed`;
    const to = { host: where.host, port: where.port, ...(server.tls ? { tls: server.tls } : {}) };
    const ex = await sendProbe(to, rid, req, {
      timeoutMs: TIMED_TIMEOUT_MS,
      close: true,
      timeline: true,
      ...(plan.leaveAfter !== undefined ? { leaveAfter: plan.leaveAfter } : {}),
    });
    let facts: Fact[] = [];
    if (settled && !(ex.error && !ex.raw.length)) {
      const deadline = Date.now() + maxMs;
      for (let n = 1; ; n++) {
        facts = await factsOf(send, rid, n);
        if (settled(facts) || Date.now() >= deadline) break;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    return { ex, facts };
  };
}

/** The timed exchange, when the client's clock can be trusted for it. */
function trusted(o: Observed): Exchange | undefined {
  return o.ex.loopStallMs <= MAX_LOOP_STALL_MS ? o.ex : undefined;
}

/**
 * No verdict: the client's own clock could not time the reads (a loaded machine). `again`: the
 * case runs again under fresh request ids (run-case.ts), so a stall does not decide the verdict.
 */
const stalled = (o: Observed) => ({
  skip:
    `the client's event loop stalled ${o.ex.loopStallMs} ms during the exchange, ` +
    'so its read times cannot be trusted',
  again: true,
});
/** No verdict: a gap neither clearly shown nor clearly absent. */
const between = (gap: number) => ({
  skip: `the measured gap, ${Math.round(gap)} ms, is between ${NOT_SHOWN_MS} and ${SHOWN_MS} ms: too close to call`,
  again: true,
});

const reads = (t: Exchange) => t.reads.map((r) => `${r.ms} ms: ${r.total} bytes`).join(', ');
const ms = (n: number) => `${Math.round(n)} ms`;

const has = (facts: Fact[], ev: string) => facts.some((f) => f.ev === ev);
const lastActivity = (facts: Fact[]) =>
  Math.max(...facts.filter((f) => f.ev === 'item-pulled' || f.ev === 'exhausted').map((f) => f.t));
const readAt = (facts: Fact[]) => Math.max(...facts.filter((f) => f.ev === 'read-at').map((f) => f.t));
/** close() came, or nothing moved for QUIET_MS (the probe's clock on both sides). */
const settledClose = (facts: Fact[]) =>
  has(facts, 'close') || (has(facts, 'item-pulled') && (readAt(facts) - lastActivity(facts)) * 1000 >= QUIET_MS);

export const timingServerCases = defineServerCases([
  {
    id: 'blocks-sent-without-delay',
    rules: ['body-unbuffered', 'body-no-delay'],
    description:
      `A block the application yields reaches the client before the application produces the next one (the probe ` +
      `sleeps ${TIMING_SLEEP_MS} ms between two blocks).`,
    request: { scenario: 'two-chunks' },
    run: timed({ scenario: 'two-chunks' }, {}),
    check: (o) => {
      const t = trusted(o);
      if (!t) return stalled(o);
      if (t.status !== 200) return null;
      const first = arrivalOf(t, 'first-chunk\n');
      const second = arrivalOf(t, 'second-chunk\n');
      if (first === undefined || second === undefined) return null;
      const gap = second - first;
      if (gap >= SHOWN_MS) return [];
      if (gap > NOT_SHOWN_MS) return between(gap);
      const what =
        `the first block reached the client ${ms(gap)} before the second, although the application yielded them ` +
        `${TIMING_SLEEP_MS} ms apart: the server held the first block back until it had the second (reads: ` +
        `${reads(t)})`;
      return [
        breach(
          'body-unbuffered',
          what,
          'each block sent completely before the server asks the iterable for the next one',
        ),
        breach(
          'body-no-delay',
          what,
          'no block delayed: sent at once, or sent on while the application produces the next',
        ),
      ];
    },
  },
  {
    id: 'headers-wait-for-body',
    rules: ['start-response-defer-headers'],
    description:
      `The status line and headers go out with the first body block, not when start_response is called (the probe ` +
      `sleeps ${TIMING_SLEEP_MS} ms between the two).`,
    request: { scenario: 'late-body' },
    run: timed({ scenario: 'late-body' }, {}),
    check: (o) => judgeHeaders(o, 'the-body-chunk\n', 'start_response'),
  },
  {
    id: 'headers-wait-past-empty-block',
    rules: ['start-response-defer-headers'],
    description:
      `An empty first block (b'') does not send the headers either: they go out with the first non-empty block, ` +
      `${TIMING_SLEEP_MS} ms later.`,
    request: { scenario: 'late-body', headers: [['X-Probe-Empty-First', '1']] },
    run: timed({ scenario: 'late-body', headers: [['X-Probe-Empty-First', '1']] }, {}),
    check: (o) => judgeHeaders(o, 'the-body-chunk\n', "an empty first block (b'')"),
  },
  {
    id: 'close-after-client-left',
    rules: ['close-on-disconnect'],
    description:
      `The client reads the first of 15 blocks (one every 100 ms) and closes the connection: the server still calls ` +
      `close() on the iterable (a finding once it has neither pulled an item nor called close() for ${QUIET_MS} ms).`,
    request: { scenario: 'slow-stream' },
    run: timed({ scenario: 'slow-stream' }, { leaveAfter: 'item-00' }, settledClose, POLL_MS),
    check: (o) => {
      const t = o.ex;
      if (!t.raw.length || t.status !== 200 || t.leftAtMs === undefined) return null;
      // A server that sends the whole body at once gave the client no chance to leave early.
      if (t.raw.includes(LAST_ITEM, 0, 'latin1')) return { skip: BUFFERED_WHOLE };
      if (has(o.facts, 'close')) return [];
      if (!settledClose(o.facts)) return null;
      const pulled = o.facts.filter((f) => f.ev === 'item-pulled').length;
      const quiet = ms((readAt(o.facts) - lastActivity(o.facts)) * 1000);
      const what = has(o.facts, 'exhausted')
        ? `after the client left (at item 0), the server iterated all ${pulled} items to the end and never called ` +
          `close() (${quiet} since the last item)`
        : `after the client left (at item 0), the server stopped iterating at item ${pulled - 1} and never called ` +
          `close() (${quiet} since)`;
      return [
        breach('close-on-disconnect', what, 'close() called when the client goes away, typically when a write fails'),
      ];
    },
  },
  {
    id: 'exc-info-not-kept',
    rules: ['exc-info-no-lingering-ref'],
    description:
      'After start_response(..., exc_info) replaced the unsent headers and returned, nothing the server keeps ' +
      'refers to the exception: it is freed as soon as the application drops it (checked with weak references, ' +
      'without gc.collect()).',
    request: { scenario: 'exc-info-ref' },
    check: ({ facts }) => {
      const obs = firstFact(facts, 'exc-info-ref');
      if (obs?.replaced === false)
        return {
          skip:
            `start_response(..., exc_info) raised ${obs.error?.type ?? 'an exception'} instead of returning, so no ` +
            `reference could outlive a completed call (exc-info-replace-before-sent judges that, in case ` +
            `exc-info-replaces-unsent-headers)`,
        };
      if (!obs?.replaced) return null;
      if (!obs.exceptionAlive && !obs.frameObjectAlive) return [];
      const what = obs.exceptionAlive
        ? `the exception passed in exc_info was still alive after start_response returned and the application ` +
          `dropped it (held by: ${(obs.referrers ?? []).join(', ') || 'unknown'})`
        : 'an object referenced only by the traceback passed in exc_info was still alive after start_response returned';
      return [
        breach(
          'exc-info-no-lingering-ref',
          what,
          'no reference to exc_info kept beyond the call (set it to None in a finally: block)',
        ),
      ];
    },
  },
]);

function judgeHeaders(o: Observed, chunk: string, after: string): ReturnType<ServerCase['check']> {
  const t = trusted(o);
  if (!t) return stalled(o);
  if (t.status !== 200) return null;
  const head = headersArrival(t);
  const body = arrivalOf(t, chunk);
  if (head === undefined || body === undefined) return null;
  const gap = body - head;
  if (gap <= NOT_SHOWN_MS) return [];
  if (gap < SHOWN_MS) return between(gap);
  return [
    breach(
      'start-response-defer-headers',
      `the status line and headers reached the client ${ms(gap)} before the first body block: they were sent ` +
        `after ${after}, before the application yielded any body data (reads: ${reads(t)})`,
      'headers sent together with the first non-empty body block (or when the iterable ends empty)',
    ),
  ];
}

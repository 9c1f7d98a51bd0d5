/**
 * Runs one server case against a session: sends its request (or lets its `run` send several),
 * retries a request the probe never saw, restarts a server that died, waits (bounded) for the
 * facts that come after the response, and hands everything to the judge.
 */
import type { Exchange, SendOptions } from '../../harness/server/exchange.js';
import { waitForFacts, watchForStuckInput, type Fact } from '../../harness/server/facts.js';
import type { Result } from '../../reports/result.js';
import { eventFacts, ProbeFactError, ProbeProtocolError } from '../../harness/probe-protocol.js';
import type { ServerCase } from './case.js';
import { judgeServerCase, type CaseRun } from './judge.js';
import type { ServerSession } from './session.js';

export interface CaseTiming {
  /** Per-request timeout. */
  timeoutMs: number;
  /** How long to wait for facts that arrive after the response (close() and the like). */
  graceMs: number;
}

const STALL_MS = 1000;
/** A wsgi.input call pending this long is blocked (a conforming read returns in microseconds). */
const STUCK_MS = 300;

/**
 * `attempt` > 0: the case runs again (monitor.ts) under fresh request ids, so it never reads
 * the facts its first run left on the side channel.
 */
export async function runServerCase(
  s: ServerSession,
  c: ServerCase,
  t: CaseTiming,
  rerun: string,
  attempt = 0,
): Promise<Result[]> {
  if (s.unresponsive) return judgeServerCase(c, { error: { code: 'unresponsive', message: s.unresponsive } }, rerun);
  // A hard bound on every case, whatever hangs (a socket, a restart): the run always ends.
  const bound = t.timeoutMs + t.graceMs + 5000;
  const late = {
    code: 'suite-timeout',
    message: `case ${c.id} did not finish within ${bound} ms (the request, the facts or a restart hung)`,
  };
  const base = `${c.id}-${s.runTag}${attempt ? `-run${attempt + 1}` : ''}`;
  for (let n = 1; ; n++) {
    // A `run` that reads the probe's answers (timing cases) meets a protocol mismatch there.
    const id = n > 1 ? `${base}-try${n}` : base;
    const work = (c.run ? custom(s, c, t, id) : single(s, c, t, id)).catch((e: unknown): CaseRun => {
      if (!(e instanceof ProbeProtocolError || e instanceof ProbeFactError)) throw e;
      return { error: { code: 'probe-protocol', message: `${e.message} (a bug in wsgi-conformance)` } };
    });
    const outcome = await withDeadline(work, bound, { error: late });
    // A skip that came from the moment (a busy machine) is tried again, so it does not decide the verdict.
    let again = false;
    const results = judgeServerCase(c, outcome, rerun, () => (again = n < TRIES));
    if (!again) return results;
  }
}

/**
 * How many times a case whose skip came from the moment is run in all. The one retry of the
 * suite: a timed case whose client clock stalled (a loaded machine) comes here too, each run
 * under fresh request ids, so it never reads the facts of a run before it.
 */
const TRIES = 5;

/** The escape hatch: several requests for one case, each on its own connection. */
async function custom(s: ServerSession, c: ServerCase, t: CaseTiming, id: string): Promise<CaseRun> {
  const seen = await (c.run as NonNullable<ServerCase['run']>)(async (suffix, request) => {
    const ex = await s.send(`${id}-${suffix}`, request, { timeoutMs: t.timeoutMs });
    return { ex, facts: await s.facts(ex.id) };
  }, s.where);
  // Its requests may go unanswered on purpose (malformed ones): only an answer counts here.
  if (seen.ex.status !== undefined) s.answered(c.id, seen.ex, false);
  return { ex: seen.ex, facts: seen.facts };
}

async function single(s: ServerSession, c: ServerCase, t: CaseTiming, id: string): Promise<CaseRun> {
  // A conforming server answers the stall-prone requests in milliseconds; a short deadline
  // keeps a server that blocks on each of them from making the run slow.
  const stallMs = Math.min(t.timeoutMs, STALL_MS);
  const send = (rid: string, timeoutMs: number, signal?: AbortSignal): Promise<Exchange> => {
    const opts: SendOptions = { timeoutMs, ...(signal ? { signal } : {}) };
    if (c.raw)
      Object.assign(opts, { protocol: c.raw.protocol, close: true, ...(c.raw.framed ? { framed: c.raw.framed } : {}) });
    return s.send(rid, c.request, opts);
  };
  let ex: Exchange;
  let stuck = false;
  if (c.noAnswerIsBreach) {
    // Facts show a blocked wsgi.input call long before the stall deadline does.
    const abort = new AbortController();
    const stop = watchForStuckInput(s.probeDir, id, STUCK_MS, abort);
    ex = await send(id, stallMs, abort.signal).finally(stop);
    stuck = abort.signal.aborted;
  } else ex = await send(id, t.timeoutMs);
  let died: CaseRun['error'];
  if (ex.error && !stuck) {
    const seen = await s.facts(id);
    const arrived = seen.some((f) => f.ev === 'call');
    if (!(await s.server.alive())) {
      // The case whose request was inside the server is named.
      const error = await s.revive(c.id, ex);
      if (arrived || error.message.includes('could not be restarted')) died = error;
    }
    // A request the probe never saw was lost before the application (a restart, a queue on
    // a slow machine): sending it again is safe and fair. One the probe was seen blocking
    // in is a stall.
    const again = c.noAnswerIsBreach ? !stalledInProbe(seen, stallMs) : !arrived;
    if (!died && again) ex = await send(`${id}-again`, t.timeoutMs);
  }
  const outcome: CaseRun = { ex, facts: await factsFor(s, c, ex, t.graceMs) };
  if (died) outcome.error = died;
  s.answered(c.id, ex, Boolean(c.noAnswerIsBreach || c.abortExpected));
  return outcome;
}

function factsFor(s: ServerSession, c: ServerCase, ex: Exchange, graceMs: number): Promise<Fact[]> {
  const wait = c.awaitFacts && (!ex.error || c.abortExpected);
  return wait ? waitForFacts(s.probeDir, ex.id, c.awaitFacts as (f: Fact[]) => boolean, graceMs) : s.facts(ex.id);
}

/**
 * The probe was blocked inside a wsgi.input operation: one started and never returned, or
 * returned only when we gave up and closed the connection (a conforming read takes
 * milliseconds). A request the probe never saw was merely slow or queued.
 */
function stalledInProbe(facts: Fact[], stallMs: number): boolean {
  if (eventFacts(facts, 'call').some((f) => f.scenario === 'mutate-environ')) return true;
  const starts = facts.filter((f) => f.ev === 'op-start');
  const dones = facts.filter((f) => f.ev === 'op-done');
  return starts.some((start, i) => {
    const done = dones[i];
    return !done || (done.t - start.t) * 1000 >= stallMs * 0.8;
  });
}

function withDeadline<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

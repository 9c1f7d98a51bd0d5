/**
 * Certifies a server over HTTP: start it hosting the probe (or attach to a URL), send every
 * case's request, wait (bounded) for side-channel facts, judge. A server that dies is
 * restarted and the case that killed it is named; one that stops answering altogether ends
 * the run quickly with the cause, never one timeout per remaining case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../harness/paths.js';
import { ProbeClient, type Exchange } from '../../harness/server/exchange.js';
import { DEFAULT_PROBE_DIR, readFacts, waitForFacts, watchForStuckInput, type Fact } from '../../harness/server/facts.js';
import { launch, LaunchError, type RunningServer, type ServerTarget } from '../../harness/server/launcher.js';
import { sendRaw } from '../../harness/server/raw-request.js';
import { summarize, type Report, type Result } from '../../reports/result.js';
import { TOOL } from '../../spec/tool.js';
import { mapPool } from '../../cli/pool.js';
import type { Shard } from '../../reports/stream.js';
import type { RunObserver } from '../observer.js';
import { inShard } from '../shard.js';
import type { ServerCase } from './case.js';
import { judgeServerCase, type CaseRun } from './judge.js';
import { resultBase, skipped } from '../result-base.js';
import { serverCases } from './index.js';

export interface CertifyServerOptions extends RunObserver {
  target: ServerTarget;
  python?: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** How long to wait for facts that arrive after the response (close() and the like). */
  graceMs?: number;
  only?: readonly string[];
  /** Run only this shard's share of the cases (--shard). */
  shard?: Shard;
  rerun?: (caseId: string) => string;
  /** Certify over TLS (--tls; `ca`: the CA of an https:// URL, --tls-ca). */
  tls?: { ca?: string };
}

export const PROBE_APP = { module: 'probe', callable: 'application', dir: fromRoot('harness', 'python'), file: fromRoot('harness', 'python', 'probe.py') };

/** After this many cases in a row without any answer, the server is declared unresponsive. */
const UNRESPONSIVE_AFTER = 3;
const STALL_MS = 1000;
/** A wsgi.input call pending this long is blocked (a conforming read returns in microseconds). */
const STUCK_MS = 300;

export function selectServerCases(only?: readonly string[], shard?: Shard): readonly ServerCase[] {
  const picked = only?.length ? serverCases.filter((c) => only.includes(c.id) || c.rules.some((r) => only.includes(r)) || (c.group !== undefined && only.includes(c.group))) : serverCases;
  return inShard(picked, shard);
}

export async function certifyServer(options: CertifyServerOptions): Promise<Report> {
  const cases = selectServerCases(options.only, options.shard);
  const rerun = options.rerun ?? ((id: string) => `npx wsgi-conformance server ${describeTarget(options.target)} --only ${id}`);
  const probeDir = options.target.kind === 'url' ? (process.env.WSGI_CONFORMANCE_PROBE_DIR ?? DEFAULT_PROBE_DIR) : mkdtempSync(join(tmpdir(), 'wsgi-conf-probe-'));
  const name = options.target.kind === 'preset' ? options.target.name : options.target.kind === 'cmd' ? options.target.template : options.target.url;
  let server: RunningServer;
  try {
    server = await launch({ target: options.target, app: PROBE_APP, ...(options.python ? { python: options.python } : {}), env: { WSGI_CONFORMANCE_PROBE_DIR: probeDir }, ...(options.tls ? { tls: options.tls } : {}) });
  } catch (e) {
    if (options.target.kind !== 'url') rmSync(probeDir, { recursive: true, force: true });
    if (!(e instanceof LaunchError)) throw e;
    if (e.code === 'no-tls') return skipAll(name, cases, e.message, rerun, options);
    const results = cases.flatMap((c) => judgeServerCase(c, { error: { code: `launch-${e.code}`, message: e.message } }, rerun(c.id)));
    options.onStart?.(target(name, { error: e.message }));
    options.onResults?.(results);
    return report(name, results, [], { error: e.message });
  }
  const started = { ...(server.version ? { version: server.version } : {}), ...(server.command ? { command: server.command } : {}), ...(server.python ? { python: server.python } : {}) };
  options.onStart?.(target(name, started));
  let done = 0;
  const client = new ProbeClient(server.url, options.timeoutMs, server.tls);
  // A conforming server answers the stall-prone requests in milliseconds; a short deadline
  // keeps a server that blocks on each of them from making the run slow.
  const stallMs = Math.min(options.timeoutMs, STALL_MS);
  const stallClient = new ProbeClient(server.url, stallMs, server.tls);
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let silent = 0;
  let unresponsive: string | undefined;
  let restarting: Promise<NonNullable<CaseRun['error']>> | undefined;
  const notes: string[] = [];
  try {
    const judgeCase = async (c: ServerCase): Promise<Result[]> => {
      if (unresponsive) return judgeServerCase(c, { error: { code: 'unresponsive', message: unresponsive } }, rerun(c.id));
      const id = `${c.id}-${run}`;
      const attempt = async (): Promise<CaseRun> => {
        const send = (rid: string, ms: number, signal?: AbortSignal) => (c.raw ? sendRaw(server.host, server.port, rid, c.request, c.raw, ms, signal, server.tls) : (ms === stallMs ? stallClient : client).send(rid, c.request, signal));
        let ex: Exchange;
        let stuck = false;
        if (c.noAnswerIsFinding) {
          // Facts show a blocked wsgi.input call long before the stall deadline does.
          const abort = new AbortController();
          const stop = watchForStuckInput(probeDir, id, STUCK_MS, abort);
          ex = await send(id, stallMs, abort.signal).finally(stop);
          stuck = abort.signal.aborted;
        } else ex = await send(id, options.timeoutMs);
        let died: CaseRun['error'];
        if (ex.error && !stuck) {
          const seen = await readFacts(probeDir, id);
          const arrived = seen.some((f) => f.ev === 'call');
          if (!(await server.alive())) {
            // One restart at a time; the case whose request was inside the server is named.
            const restart = (restarting ??= revive(server, c, ex).then((e) => (notes.push(e.message), e)).finally(() => (restarting = undefined)));
            const error = await restart;
            if (arrived || error.message.includes('could not be restarted')) died = error;
          }
          // A request the probe never saw was lost before the application (a keep-alive
          // connection the server had just closed, a restart, a queue on a slow machine):
          // sending it again is safe and fair. One the probe was seen blocking in is a stall.
          const again = c.noAnswerIsFinding ? !stalledInProbe(seen, stallMs) : !arrived;
          if (!died && again) ex = await send(`${id}-again`, options.timeoutMs);
        }
        const outcome: CaseRun = { ex, facts: await factsFor(c, probeDir, ex.id, ex, graceMs) };
        if (died) outcome.error = died;
        if (ex.error && !c.noAnswerIsFinding && !c.abortExpected) {
          silent++;
          if (silent >= UNRESPONSIVE_AFTER) unresponsive = `the server stopped answering (${silent} requests in a row got no response, last: ${ex.error})`;
        } else silent = 0;
        return outcome;
      };
      // The escape hatch: several requests for one case, each through the same machinery.
      const custom = c.run && (async (): Promise<CaseRun> => {
        const seen = await (c.run as NonNullable<ServerCase['run']>)(async (suffix, request) => {
          const ex = await client.send(`${id}-${suffix}`, request);
          return { ex, facts: await readFacts(probeDir, ex.id) };
        }, { host: server.host, port: server.port, ...(server.tls ? { tls: server.tls } : {}) });
        return { ex: seen.ex, facts: seen.facts };
      });
      // A hard bound on every case, whatever hangs (a socket, a restart): the run always ends.
      const bound = options.timeoutMs + graceMs + 5000;
      const outcome = await withDeadline(custom ? custom() : attempt(), bound, { error: { code: 'suite-timeout', message: `case ${c.id} did not finish within ${bound} ms (the request, the facts or a restart hung)` } });
      return judgeServerCase(c, outcome, rerun(c.id));
    };
    const runCase = async (c: ServerCase): Promise<Result[]> => {
      const results = await judgeCase(c);
      options.onResults?.(results);
      options.onProgress?.(++done, cases.length, c.id);
      return results;
    };
    // Facts after the response (close()) come in milliseconds from a conforming server; the
    // grace only costs time on servers that never send them, so it is generous for loaded CI.
    const graceMs = options.graceMs ?? 3000;
    const [alone, together] = [cases.filter((c) => c.noAnswerIsFinding), cases.filter((c) => !c.noAnswerIsFinding)];
    const runs = [...(await mapPool(together, runCase, 4)), ...(await mapPool(alone, runCase, 1))];
    return report(name, runs.flat(), notes, started);
  } finally {
    await Promise.all([client.close(), stallClient.close()]);
    await server.stop();
    if (options.target.kind !== 'url') rmSync(probeDir, { recursive: true, force: true });
  }
}

/** A server that cannot serve TLS under --tls: every case is a skip with the reason. */
function skipAll(name: string, cases: readonly ServerCase[], why: string, rerun: (id: string) => string, o: RunObserver): Report {
  const results = cases.flatMap((c) => c.rules.map((rule) => skipped(resultBase(c.id, c.description, rule, rerun(c.id)), why)));
  o.onStart?.(target(name, {}));
  o.onResults?.(results);
  return report(name, results, [why], {});
}

async function factsFor(c: ServerCase, dir: string, id: string, ex: Exchange, graceMs: number): Promise<Fact[]> {
  return c.awaitFacts && (!ex.error || c.abortExpected) ? waitForFacts(dir, id, c.awaitFacts, graceMs) : readFacts(dir, id);
}

/** The server died during case `c`: restart it for the others, and say which case killed it. */
async function revive(server: RunningServer, c: ServerCase, ex: Exchange): Promise<NonNullable<CaseRun['error']>> {
  const tail = server.output().trim().split('\n').slice(-5).join('\n');
  try {
    await server.restart(`it died during case ${c.id}`);
    return { code: 'server-died', message: `the server died during case ${c.id} (${ex.error}) and was restarted${tail ? `; its last output:\n${tail}` : ''}` };
  } catch (e) {
    return { code: 'server-died', message: `the server died during case ${c.id} and could not be restarted: ${(e as Error).message}` };
  }
}

/**
 * The probe was blocked inside a wsgi.input operation: one started and never returned, or
 * returned only when we gave up and closed the connection (a conforming read takes
 * milliseconds). A request the probe never saw was merely slow or queued.
 */
function stalledInProbe(facts: Fact[], stallMs: number): boolean {
  if (facts.some((f) => f.ev === 'call' && f.scenario === 'mutate-environ')) return true;
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

function describeTarget(t: ServerTarget): string {
  return t.kind === 'preset' ? `--preset ${t.name}` : t.kind === 'cmd' ? `--cmd ${JSON.stringify(t.template)}` : `--url ${t.url}`;
}

const target = (name: string, more: Partial<Report['target']>): Report['target'] => ({ kind: 'server', name, ...more });

function report(name: string, results: Result[], notes: string[], more: Partial<Report['target']>): Report {
  return { tool: TOOL, target: target(name, more), summary: summarize(results), results, ...(notes.length ? { notes } : {}) };
}

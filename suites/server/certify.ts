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
import { DEFAULT_PROBE_DIR } from '../../harness/server/facts.js';
import { launch, LaunchError, type RunningServer, type ServerTarget } from '../../harness/server/launcher.js';
import { summarize, type Report, type Result } from '../../reports/result.js';
import { TOOL } from '../../spec/tool.js';
import { mapPool } from '../../harness/pool.js';
import { targetName, targetOption } from '../../harness/server/target.js';
import type { Shard } from '../../reports/stream.js';
import type { RunObserver } from '../observer.js';
import { inShard } from '../shard.js';
import type { ServerCase } from './case.js';
import { judgeServerCase } from './judge.js';
import { resultBase, skipped } from '../result-base.js';
import { serverCases } from './index.js';
import { shuffled } from './order.js';
import { runServerCase } from './run-case.js';
import { ServerSession } from './session.js';

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
  /** Run the cases in an order shuffled with this seed (--order random --seed N). */
  seed?: number;
  rerun?: (caseId: string) => string;
  /** Certify over TLS (--tls; `ca`: the CA of an https:// URL, --tls-ca). */
  tls?: { ca?: string };
}

export const PROBE_APP = {
  module: 'probe',
  callable: 'application',
  dir: fromRoot('harness', 'python'),
  file: fromRoot('harness', 'python', 'probe.py'),
};

export function selectServerCases(only?: readonly string[], shard?: Shard): readonly ServerCase[] {
  const picked = only?.length
    ? serverCases.filter(
        (c) =>
          only.includes(c.id) ||
          c.rules.some((r) => only.includes(r)) ||
          (c.group !== undefined && only.includes(c.group)),
      )
    : serverCases;
  return inShard(picked, shard);
}

export async function certifyServer(options: CertifyServerOptions): Promise<Report> {
  const selected = selectServerCases(options.only, options.shard);
  const cases = options.seed === undefined ? selected : shuffled(selected, options.seed);
  const rerun =
    options.rerun ?? ((id: string) => `npx wsgi-conformance server ${targetOption(options.target)} --only ${id}`);
  const probeDir =
    options.target.kind === 'url'
      ? (process.env.WSGI_CONFORMANCE_PROBE_DIR ?? DEFAULT_PROBE_DIR)
      : mkdtempSync(join(tmpdir(), 'wsgi-conf-probe-'));
  const name = targetName(options.target);
  let server: RunningServer;
  try {
    const python = options.python ? { python: options.python } : {};
    const tls = options.tls ? { tls: options.tls } : {};
    const env = { WSGI_CONFORMANCE_PROBE_DIR: probeDir };
    server = await launch({ target: options.target, app: PROBE_APP, ...python, env, ...tls });
  } catch (e) {
    if (options.target.kind !== 'url') rmSync(probeDir, { recursive: true, force: true });
    if (!(e instanceof LaunchError)) throw e;
    if (e.code === 'no-tls') return skipAll(name, cases, e.message, rerun, options);
    const results = cases.flatMap((c) =>
      judgeServerCase(c, { error: { code: `launch-${e.code}`, message: e.message } }, rerun(c.id)),
    );
    options.onStart?.(target(name, { error: e.message }));
    options.onResults?.(results);
    return report(name, results, [], { error: e.message });
  }
  const started = {
    ...(server.version ? { version: server.version } : {}),
    ...(server.command ? { command: server.command } : {}),
    ...(server.python ? { python: server.python } : {}),
  };
  options.onStart?.(target(name, started));
  const session = new ServerSession(server, probeDir, `${Date.now().toString(36)}${process.pid.toString(36)}`);
  // Facts after the response (close()) come in milliseconds from a conforming server; the
  // grace only costs time on servers that never send them, so it is generous for loaded CI.
  const timing = { timeoutMs: options.timeoutMs, graceMs: options.graceMs ?? 3000 };
  let done = 0;
  try {
    const runCase = async (c: ServerCase): Promise<Result[]> => {
      const results = await runServerCase(session, c, timing, rerun(c.id));
      options.onResults?.(results);
      options.onProgress?.(++done, cases.length, c.id);
      return results;
    };
    // Cases a server may leave unanswered run one at a time after the others, so a stalled
    // single-threaded server cannot starve them.
    const [alone, together] = [cases.filter((c) => c.noAnswerIsBreach), cases.filter((c) => !c.noAnswerIsBreach)];
    const runs = [...(await mapPool(together, runCase, 4)), ...(await mapPool(alone, runCase, 1))].flat();
    // The report lists the cases in their usual order, whatever order they ran in.
    const rank = new Map(selected.map((c, i) => [c.id, i]));
    const ordered = runs
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (rank.get(a.r.case) ?? 0) - (rank.get(b.r.case) ?? 0) || a.i - b.i);
    return report(
      name,
      ordered.map((x) => x.r),
      session.notes,
      started,
    );
  } finally {
    await server.stop();
    if (options.target.kind !== 'url') rmSync(probeDir, { recursive: true, force: true });
  }
}

/** A server that cannot serve TLS under --tls: every case is a skip with the reason. */
function skipAll(
  name: string,
  cases: readonly ServerCase[],
  why: string,
  rerun: (id: string) => string,
  o: RunObserver,
): Report {
  const skip = (c: ServerCase, rule: string) => skipped(resultBase(c.id, c.description, rule, rerun(c.id)), why);
  const results = cases.flatMap((c) => c.rules.map((rule) => skip(c, rule)));
  o.onStart?.(target(name, {}));
  o.onResults?.(results);
  return report(name, results, [why], {});
}

const target = (name: string, more: Partial<Report['target']>): Report['target'] => ({ kind: 'server', name, ...more });

function report(name: string, results: Result[], notes: string[], more: Partial<Report['target']>): Report {
  return {
    tool: TOOL,
    target: target(name, more),
    summary: summarize(results),
    results,
    ...(notes.length ? { notes } : {}),
  };
}

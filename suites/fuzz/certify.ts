/**
 * The generative phase of one server as a report: start it hosting the probe (or attach to
 * a URL), fuzz it, turn the counterexamples into results. A server that cannot be started
 * gives one error per case, as a certification does.
 */
import { LaunchError, startHost, type ServerTarget } from '../../harness/fuzz/transport.js';
import { summarize, type Report, type Result } from '../../reports/result.js';
import { TOOL } from '../../spec/tool.js';
import type { RunObserver } from '../observer.js';
import { errored, resultBase, skipped } from '../result-base.js';
import { FUZZ_CASES, fuzzNotes, fuzzResults } from './results.js';
import { fuzz, type FuzzRun } from './run.js';

export interface FuzzServerOptions extends RunObserver {
  target: ServerTarget;
  python?: string;
  timeoutMs: number;
  seed: number;
  runs: number;
  timeLimitMs: number;
  maxShrinks?: number;
  maxStalls?: number;
  /** Over TLS (`--tls`: a throwaway CA; `--tls-ca` for an https:// URL). */
  tls?: { ca?: string };
  replay?: { seed: number; path: string };
  /** The command that runs this phase again, and the one that replays `SEED:PATH`. */
  rerun: string;
  replayCommand: (seedPath: string) => string;
}

export const targetName = (t: ServerTarget) => (t.kind === 'preset' ? t.name : t.kind === 'cmd' ? t.template : t.url);

export async function fuzzServer(o: FuzzServerOptions): Promise<Report & { run?: FuzzRun }> {
  const name = targetName(o.target);
  let host;
  try {
    host = await startHost(o.target, o.python, o.tls);
  } catch (e) {
    if (!(e instanceof LaunchError)) throw e;
    // A preset that cannot serve TLS is not broken: under --tls its phase is skipped, with the reason.
    const noTls = e.code === 'no-tls';
    const results: Result[] = Object.values(FUZZ_CASES).map((c) => {
      const base = resultBase(c.id, c.description, 'env-request-method', o.rerun);
      return noTls ? skipped(base, e.message) : errored(base, `launch-${e.code}`, e.message);
    });
    const target = { kind: 'server' as const, name, ...(noTls ? {} : { error: e.message }) };
    o.onStart?.(target);
    o.onResults?.(results);
    return { tool: TOOL, target, summary: summarize(results), results };
  }
  const s = host.server;
  const target = {
    kind: 'server' as const,
    name,
    ...(s.version ? { version: s.version } : {}),
    ...(s.command ? { command: s.command } : {}),
    ...(s.python ? { python: s.python } : {}),
  };
  o.onStart?.(target);
  try {
    const run = await fuzz({
      host: s.host,
      port: s.port,
      timeoutMs: o.timeoutMs,
      seed: o.seed,
      runs: o.runs,
      timeLimitMs: o.timeLimitMs,
      ...(o.maxShrinks === undefined ? {} : { maxShrinks: o.maxShrinks }),
      ...(o.maxStalls === undefined ? {} : { maxStalls: o.maxStalls }),
      ...(s.tls ? { tls: s.tls } : {}),
      ...(o.replay ? { replay: o.replay } : {}),
      onExchange: (n) => o.onProgress?.(n, o.replay ? 1 : o.runs, 'generated exchange'),
    });
    const results = fuzzResults(run, { host: s.host, port: s.port, rerun: o.rerun, replay: o.replayCommand });
    o.onResults?.(results);
    return { tool: TOOL, target, summary: summarize(results), results, notes: fuzzNotes(run, o.seed), run };
  } finally {
    await host.close();
  }
}

/** Certifies one application in-process: load it once, call every scenario, evaluate every case. */
import { AppSession, type CallRecord, type WarmRunners } from '../../harness/app-session.js';
import { CallTrace } from '../../harness/trace.js';
import { summarize, type Report, type Result } from '../../reports/result.js';
import { TOOL } from '../../spec/tool.js';
import type { AppCase } from '../case.js';
import { evaluateCase } from '../evaluate.js';
import type { RunObserver } from '../observer.js';
import { inShard } from '../shard.js';
import type { Shard } from '../../reports/stream.js';
import { errored, resultBase } from '../result-base.js';
import { appCases } from './index.js';
import { scenarios } from './scenarios.js';

export interface CertifyAppOptions extends RunObserver {
  target: string;
  cwd: string;
  python?: string;
  timeoutMs: number;
  /** Warm runners shared by several certifications (the gallery). */
  runners?: WarmRunners;
  /** Case ids or rule ids to keep (--only). */
  only?: readonly string[];
  /** Run only this shard's share of the cases (--shard). */
  shard?: Shard;
  /** Rule ids the target is declared to break (teaching gallery, fixtures). */
  expectBroken?: ReadonlySet<string>;
  /** Builds the command that re-runs one case. */
  rerun?: (caseId: string) => string;
}

/** After this many calls in a row that hung or killed the interpreter, the rest are not attempted. */
const GIVE_UP_AFTER = 2;

export function selectCases(only?: readonly string[], shard?: Shard): readonly AppCase[] {
  const picked = only?.length ? appCases.filter((c) => only.includes(c.id) || c.rules.some((r) => only.includes(r))) : appCases;
  return inShard(picked, shard);
}

export async function certifyApp(options: CertifyAppOptions): Promise<Report> {
  const session = new AppSession(options);
  const cases = selectCases(options.only, options.shard);
  const rerun = options.rerun ?? ((id: string) => `npx wsgi-conformance app ${options.target} --only ${id}`);
  try {
    const opened = await session.open();
    if (!opened.ok) {
      const why = opened.error.message;
      const python = opened.hello ? `${opened.hello.python.executable} (Python ${opened.hello.python.version})` : options.python;
      return finish(options, cases.flatMap((c) => loadErrors(c, why, rerun(c.id))), { error: why, ...(python ? { python } : {}) });
    }
    const h = opened.hello.python;
    const loaded = { python: `${h.executable} (Python ${h.version})`, loadedAs: `${opened.loaded.name} (${opened.loaded.via})` };
    options.onStart?.({ kind: 'app', name: options.target, ...loaded });
    const records: CallRecord[] = [];
    let broken = 0;
    let lastFailure: CallRecord['error'];
    for (const [i, scenario] of scenarios.entries()) {
      if (broken >= GIVE_UP_AFTER) {
        // Name the last call that really failed, not the previous "not attempted" record.
        records.push({ scenario: scenario.spec.name, events: [], error: { code: lastFailure?.code ?? 'runner-died', message: `not attempted after ${GIVE_UP_AFTER} calls in a row failed (last: ${lastFailure?.message ?? ''})` } });
        continue;
      }
      const record = await session.call(`c${i + 1}`, scenario.spec);
      options.onProgress?.(i + 1, scenarios.length, `scenario ${scenario.spec.name}`);
      broken = record.error && record.error.code !== 'endless-body' ? broken + 1 : 0;
      if (record.error) lastFailure = record.error;
      records.push(record);
    }
    const calls = new Map(records.map((r) => [r.scenario, new CallTrace(r)]));
    const results = cases.flatMap((c) => evaluateCase(c, calls, rerun(c.id)));
    return finish(options, results, loaded);
  } finally {
    await session.close();
  }
}

function loadErrors(c: AppCase, why: string, rerun: string): Result[] {
  return c.rules.map((id) => errored(resultBase(c.id, c.description, id, rerun), 'load', why));
}

function finish(options: CertifyAppOptions, results: Result[], target: Partial<Report['target']>): Report {
  const marked = results.map((r) => (options.expectBroken?.has(r.rule) && r.outcome === 'fail' ? { ...r, known: true } : r));
  const report: Report = { tool: TOOL, target: { kind: 'app', name: options.target, ...target }, summary: summarize(marked), results: marked };
  if (target.error) options.onStart?.(report.target);
  options.onResults?.(marked);
  return report;
}

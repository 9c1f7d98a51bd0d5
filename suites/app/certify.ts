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
import { plannedRoutes, runPathProbes, runRoutes, type RouteOptions } from './routes.js';
import { scenarioByName, scenarios } from './scenarios.js';

export interface CertifyAppOptions extends RunObserver, RouteOptions {
  target: string;
  cwd: string;
  python?: string;
  timeoutMs: number;
  /** Folder of the application's own code, for finding locations (default: the target's folder). */
  sourceRoot?: string;
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
  const picked = only?.length
    ? appCases.filter((c) => only.includes(c.id) || c.rules.some((r) => only.includes(r)))
    : appCases;
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
      const python = opened.hello
        ? `${opened.hello.python.executable} (Python ${opened.hello.python.version})`
        : options.python;
      return finish(
        options,
        cases.flatMap((c) => loadErrors(c, why, rerun(c.id))),
        { error: why, ...(python ? { python } : {}) },
      );
    }
    const h = opened.hello.python;
    const root = opened.loaded.sourceRoot;
    const loaded = {
      python: `${h.executable} (Python ${h.version})`,
      loadedAs: `${opened.loaded.name} (${opened.loaded.via})`,
      ...(root ? { sourceRoot: root } : {}),
    };
    options.onStart?.({ kind: 'app', name: options.target, ...loaded });
    const records: CallRecord[] = [];
    let broken = 0;
    let lastFailure: CallRecord['error'];
    const total = scenarios.length + plannedRoutes(options);
    let done = 0;
    for (const [i, scenario] of scenarios.entries()) {
      if (broken >= GIVE_UP_AFTER) {
        // Name the last call that really failed, not the previous "not attempted" record.
        records.push({
          scenario: scenario.spec.name,
          events: [],
          error: {
            code: lastFailure?.code ?? 'runner-died',
            message: `not attempted after ${GIVE_UP_AFTER} calls in a row failed (last: ${lastFailure?.message ?? ''})`,
          },
        });
        continue;
      }
      const record = await session.call(`c${i + 1}`, scenario.spec);
      options.onProgress?.(i + 1, total, `scenario ${scenario.spec.name}`);
      broken = record.error && record.error.code !== 'endless-body' ? broken + 1 : 0;
      if (record.error) lastFailure = record.error;
      records.push(record);
    }
    const step = (label: string) => options.onProgress?.(records.length + ++done, total, label);
    const routed = broken >= GIVE_UP_AFTER ? [] : await runRoutes(session, options, step);
    records.push(...routed);
    if (broken < GIVE_UP_AFTER) records.push(...(await runPathProbes(session, records, probeTargets(records))));
    const calls = new Map(records.map((r) => [r.scenario, new CallTrace(r)]));
    const results = cases.flatMap((c) => evaluateCase(c, calls, rerun(c.id)));
    const routes = [...new Set(routed.map((r) => r.route ?? r.scenario))];
    return finish(options, results, { ...loaded, ...(routes.length ? { routes } : {}) });
  } finally {
    await session.close();
  }
}

/** GET requests whose path can be probed for a second decoding: the built-in query, and GET routes. */
function probeTargets(records: readonly CallRecord[]): Map<string, string> {
  const targets = new Map<string, string>();
  const query = scenarioByName('query')?.spec;
  if (query) targets.set('query', `${query.path}${query.query ? `?${query.query}` : ''}`);
  for (const r of records) if (r.route?.startsWith('GET ')) targets.set(r.scenario, r.route.slice(4));
  return targets;
}

function loadErrors(c: AppCase, why: string, rerun: string): Result[] {
  return c.rules.map((id) => errored(resultBase(c.id, c.description, id, rerun), 'load', why));
}

function finish(options: CertifyAppOptions, results: Result[], target: Partial<Report['target']>): Report {
  const marked = results.map((r) =>
    options.expectBroken?.has(r.rule) && r.outcome === 'fail' ? { ...r, known: true } : r,
  );
  const report: Report = {
    tool: TOOL,
    target: { kind: 'app', name: options.target, ...target },
    summary: summarize(marked),
    results: marked,
  };
  // The routes are known only now; the stream's header is written with the first result.
  if (target.error || target.routes || target.sourceRoot) options.onStart?.(report.target);
  options.onResults?.(marked);
  return report;
}

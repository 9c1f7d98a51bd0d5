/** Certifies one application in-process: load it once, call every scenario, evaluate every case. */
import { AppSession, type CallRecord, type WarmRunners } from '../../harness/app-session.js';
import { CallTrace } from '../../harness/trace.js';
import type { Report, Result } from '../../reports/result.js';
import type { AppCase } from '../case.js';
import { evaluateCase } from '../evaluate.js';
import type { RunObserver } from '../observer.js';
import { inShard } from '../shard.js';
import type { Shard } from '../../reports/stream.js';
import { errored, resultBase } from '../result-base.js';
import { callScenarios, finishReport } from './in-process.js';
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
      return finishReport(
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
    const total = scenarios.length + plannedRoutes(options);
    let done = 0;
    const { records, gaveUp } = await callScenarios(session, scenarios, total, options);
    const step = (label: string) => options.onProgress?.(records.length + ++done, total, label);
    const routed = gaveUp ? [] : await runRoutes(session, options, step);
    records.push(...routed);
    if (!gaveUp) records.push(...(await runPathProbes(session, records, probeTargets(records))));
    const calls = new Map(records.map((r) => [r.scenario, new CallTrace(r)]));
    const results = cases.flatMap((c) => evaluateCase(c, calls, rerun(c.id)));
    const routes = [...new Set(routed.map((r) => r.route ?? r.scenario))];
    return finishReport(options, results, { ...loaded, ...(routes.length ? { routes } : {}) });
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

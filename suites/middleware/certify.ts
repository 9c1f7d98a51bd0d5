/**
 * Certifies one middleware in-process: the strict gateway calls what `factory(inner)`
 * returned (towards the server: every application-side case), and the instrumented inner
 * applications record what the middleware did to them (towards the application).
 */
import { AppSession } from '../../harness/app-session.js';
import { CallTrace } from '../../harness/trace.js';
import type { Report, Result } from '../../reports/result.js';
import type { Shard } from '../../reports/stream.js';
import { callScenarios, finishReport } from '../app/in-process.js';
import { appCases } from '../app/index.js';
import type { AppCase } from '../case.js';
import { evaluateCase } from '../evaluate.js';
import type { RunObserver } from '../observer.js';
import { errored, resultBase } from '../result-base.js';
import { inShard } from '../shard.js';
import { middlewareScenarios } from './scenarios.js';
import { towardsApplicationCases } from './towards-application.js';
import { twoSidedTraceText } from './trace-text.js';

export const TOWARDS_SERVER = 'Towards the server';
export const TOWARDS_APPLICATION = 'Towards the application';

export interface CertifyMiddlewareOptions extends RunObserver {
  target: string;
  cwd: string;
  python?: string;
  timeoutMs: number;
  /** Keyword arguments for the factory (--arg k=v). */
  args?: Record<string, unknown>;
  /** Extra request headers on every request (--request-header). */
  requestHeaders?: readonly [string, string][];
  only?: readonly string[];
  shard?: Shard;
  expectBroken?: ReadonlySet<string>;
  rerun?: (caseId: string) => string;
}

interface Sided {
  side: string;
  c: AppCase;
}

/** Every middleware case, towards the application first (what only a middleware can break). */
export const middlewareCases: readonly Sided[] = [
  ...towardsApplicationCases.map((c) => ({ side: TOWARDS_APPLICATION, c })),
  ...appCases.map((c) => ({ side: TOWARDS_SERVER, c })),
];

export function selectMiddlewareCases(only?: readonly string[], shard?: Shard): readonly Sided[] {
  const hit = (s: Sided) => !only?.length || only.includes(s.c.id) || s.c.rules.some((r) => only.includes(r));
  const picked = middlewareCases.filter(hit);
  const ids = new Set(
    inShard(
      picked.map((s) => s.c),
      shard,
    ).map((c) => c.id),
  );
  return picked.filter((s) => ids.has(s.c.id));
}

export async function certifyMiddleware(options: CertifyMiddlewareOptions): Promise<Report> {
  const session = new AppSession({ ...options, middlewareArgs: options.args ?? {} });
  const cases = selectMiddlewareCases(options.only, options.shard);
  const rerun = options.rerun ?? ((id: string) => `npx wsgi-conformance middleware ${options.target} --only ${id}`);
  const scenarios = middlewareScenarios(options.requestHeaders);
  try {
    const opened = await session.open();
    if (!opened.ok) {
      const why = opened.error.message;
      const python = opened.hello
        ? `${opened.hello.python.executable} (Python ${opened.hello.python.version})`
        : options.python;
      const results = cases.flatMap(({ side, c }) =>
        c.rules.map((id) => sided(side, errored(resultBase(c.id, c.description, id, rerun(c.id)), 'load', why))),
      );
      return finishReport(options, results, { kind: 'middleware', error: why, ...(python ? { python } : {}) });
    }
    const h = opened.hello.python;
    const made = opened.loaded.middleware?.t ?? 'an application';
    const loaded = {
      python: `${h.executable} (Python ${h.version})`,
      loadedAs: `middleware factory ${opened.loaded.name}(app) -> ${made}`,
    };
    options.onStart?.({ kind: 'middleware', name: options.target, ...loaded });
    const { records } = await callScenarios(session, scenarios, scenarios.length, options);
    const appSide = new Set(scenarios.filter((s) => s.appSide).map((s) => s.spec.name));
    const all = new Map(records.map((r) => [r.scenario, new CallTrace(r)]));
    const serverSide = new Map([...all].filter(([name]) => appSide.has(name)));
    const results = cases.flatMap(({ side, c }) =>
      evaluateCase(c, side === TOWARDS_SERVER ? serverSide : all, rerun(c.id)).map((r) =>
        twoSided(sided(side, r), all),
      ),
    );
    return finishReport(options, results, { ...loaded, kind: 'middleware' });
  } finally {
    await session.close();
  }
}

/** The report's two parts: each result's section names the side, then the PEP's section. */
function sided(side: string, r: Result): Result {
  return { ...r, section: `${side}: ${r.section}` };
}

/** The evidence's call trace, shown from both sides (it is the last evidence item of a failure or error). */
function twoSided(r: Result, calls: ReadonlyMap<string, CallTrace>): Result {
  const call = r.outcome === 'fail' || r.outcome === 'error' ? calls.get(r.scenarios[0] ?? '') : undefined;
  const last = r.evidence.at(-1);
  if (!call || !last?.startsWith('call trace (')) return r;
  return { ...r, evidence: [...r.evidence.slice(0, -1), twoSidedTraceText(call)] };
}

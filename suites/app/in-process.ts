/** What the in-process certifications (an application, a middleware) share: the calls, and the report. */
import type { AppSession, CallRecord } from '../../harness/app-session.js';
import type { ScenarioSpec } from '../../harness/protocol.js';
import { summarize, type Report, type Result } from '../../reports/result.js';
import { TOOL } from '../../spec/tool.js';
import type { RunObserver } from '../observer.js';

/** After this many calls in a row that hung or killed the interpreter, the rest are not attempted. */
export const GIVE_UP_AFTER = 2;

/**
 * Calls each scenario in turn, reporting progress out of `total`; the calls go to the runner as
 * one batch (AppSession.callBatch), and the rest as a new batch when a call took the runner down.
 * After GIVE_UP_AFTER failed calls in a row the rest are recorded as not attempted; `gaveUp` says so.
 */
export async function callScenarios(
  session: AppSession,
  scenarios: readonly { spec: ScenarioSpec }[],
  total: number,
  observer: RunObserver,
): Promise<{ records: CallRecord[]; gaveUp: boolean }> {
  const records: CallRecord[] = [];
  let broken = 0;
  let lastFailure: CallRecord['error'];
  const onRecord = (record: CallRecord) => {
    records.push(record);
    observer.onProgress?.(records.length, total, `scenario ${record.scenario}`);
    broken = record.error && record.error.code !== 'endless-body' ? broken + 1 : 0;
    if (record.error) lastFailure = record.error;
  };
  while (records.length < scenarios.length && broken < GIVE_UP_AFTER) {
    const from = records.length;
    const batch = scenarios.slice(from).map((s, i) => ({ id: `c${from + i + 1}`, scenario: s.spec }));
    await session.callBatch(batch, onRecord);
  }
  // Name the last call that really failed, not the previous "not attempted" record.
  for (const scenario of scenarios.slice(records.length)) {
    records.push({
      scenario: scenario.spec.name,
      events: [],
      error: {
        code: lastFailure?.code ?? 'runner-died',
        message: `not attempted after ${GIVE_UP_AFTER} calls in a row failed (last: ${lastFailure?.message ?? ''})`,
      },
    });
  }
  return { records, gaveUp: broken >= GIVE_UP_AFTER };
}

/** The report of an in-process run: declared known failures marked, the results handed to the observer. */
export function finishReport(
  options: RunObserver & { target: string; expectBroken?: ReadonlySet<string> },
  results: Result[],
  target: Partial<Report['target']>,
): Report {
  const marked = results.map((r) =>
    options.expectBroken?.has(r.rule) && r.outcome === 'fail' ? { ...r, known: true } : r,
  );
  const report: Report = {
    tool: TOOL,
    target: { kind: 'app', name: options.target, ...target },
    summary: summarize(marked),
    results: marked,
  };
  // What is known only now (a load error, the routes); the stream's header is written with the first result.
  if (target.error || target.routes || target.sourceRoot) options.onStart?.(report.target);
  options.onResults?.(marked);
  return report;
}

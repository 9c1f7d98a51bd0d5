/** One server case's results: fail > error > pass > skip, one result per rule. */
import type { Exchange } from '../../harness/server/exchange.js';
import type { Fact } from '../../harness/server/facts.js';
import type { Result } from '../../reports/result.js';
import type { Finding } from '../../spec/schemas/issue.js';
import { errored, failed, passed, resultBase, skipped } from '../result-base.js';
import type { ServerCase } from './case.js';

export interface CaseRun {
  ex?: Exchange;
  facts?: Fact[];
  /** The case could not be run: the server would not start, died, or stopped answering. */
  error?: { code: string; message: string };
}

export function judgeServerCase(c: ServerCase, run: CaseRun, rerun: string): Result[] {
  let findings: Finding[] | null = null;
  let skipReason: string | undefined;
  let error = run.error;
  if (!error && run.ex) {
    if (run.ex.error && c.noAnswerIsFinding && !c.abortExpected) {
      findings = [{ rule: c.noAnswerIsFinding, message: `no answer: ${run.ex.error}`, expected: 'a complete answer' }];
    } else if (run.ex.error && !c.abortExpected) {
      error = { code: 'no-response', message: `the server did not answer: ${run.ex.error}` };
    } else {
      try {
        const out = c.check({ ex: run.ex, facts: run.facts ?? [] });
        if (out && !Array.isArray(out)) skipReason = out.skip;
        else findings = out;
      } catch (e) {
        error = { code: 'suite-bug', message: `the check crashed (a bug in wsgi-conformance): ${(e as Error).message}` };
      }
    }
  }
  const evidence = run.ex ? [run.ex.transcript] : [];
  const stalled = Boolean(run.ex?.error && c.noAnswerIsFinding && !c.abortExpected);
  return c.rules.map((rule) => {
    const base = resultBase(c.id, c.description, rule, rerun);
    const mine = (findings ?? []).filter((f) => f.rule === rule);
    const first = mine[0];
    if (first) return failed(base, first, [], [...mine.slice(1).map((f) => f.message), ...evidence]);
    if (stalled) return skipped(base, `the request got no answer, which is reported under ${c.noAnswerIsFinding}`);
    if (error) return errored(base, error.code, error.message, [], evidence);
    if (findings === null) return skipped(base, skipReason ?? `the server's answer did not let this case judge (status ${run.ex?.status ?? 'none'})`);
    return passed(base);
  });
}

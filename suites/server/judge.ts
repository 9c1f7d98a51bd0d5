/** One server case's results: fail > error > pass > skip, one result per rule. */
import type { Exchange } from '../../harness/server/exchange.js';
import type { Fact } from '../../harness/server/facts.js';
import { ProbeFactError, ProbeProtocolError } from '../../harness/probe-protocol.js';
import type { Result } from '../../reports/result.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { errored, failed, passed, resultBase, skipped } from '../result-base.js';
import type { ServerCase } from './case.js';

export interface CaseRun {
  ex?: Exchange;
  facts?: Fact[];
  /** The case could not be run: the server would not start, died, or stopped answering. */
  error?: { code: string; message: string };
}

/** `onAgain` hears that the check's skip came from the moment (Skip.again): running it again may judge. */
export function judgeServerCase(c: ServerCase, run: CaseRun, rerun: string, onAgain?: () => void): Result[] {
  let breaches: Breach[] | null = null;
  let skipReason: string | undefined;
  let error = run.error;
  if (!error && run.ex) {
    // No answer at all is this case's finding; an answer cut short is a framing fault.
    if (run.ex.error && c.noAnswerIsBreach && !c.abortExpected && run.ex.status === undefined) {
      breaches = [{ rule: c.noAnswerIsBreach, message: `no answer: ${run.ex.error}`, expected: 'a complete answer' }];
    } else if (run.ex.error && !c.abortExpected && run.ex.status === undefined) {
      error = { code: 'no-response', message: `the server did not answer: ${run.ex.error}` };
    } else if (run.ex.error && !c.abortExpected) {
      // An answer cut short is the server's framing fault, judged by the wire cases under
      // its RFC 9112 rule; what it leaves unreadable here is not judged twice.
      skipReason = `the response was incomplete: ${run.ex.error}`;
    } else {
      try {
        const out = c.check({ ex: run.ex, facts: run.facts ?? [] });
        if (out && !Array.isArray(out)) {
          skipReason = out.skip;
          if (out.again) onAgain?.();
        } else breaches = out;
      } catch (e) {
        // An observation that breaks the probe protocol is the suite's or the probe's bug.
        if (e instanceof ProbeProtocolError || e instanceof ProbeFactError) {
          error = { code: 'probe-protocol', message: `${e.message} (a bug in wsgi-conformance)` };
        } else
          error = {
            code: 'suite-bug',
            message: `the check crashed (a bug in wsgi-conformance): ${(e as Error).message}`,
          };
      }
    }
  }
  const evidence = run.ex ? [run.ex.transcript] : [];
  const stalled = Boolean(run.ex?.error && c.noAnswerIsBreach && !c.abortExpected && run.ex.status === undefined);
  return c.rules.map((rule) => {
    const base = resultBase(c.id, c.description, rule, rerun);
    const mine = (breaches ?? []).filter((f) => f.rule === rule);
    const first = mine[0];
    if (first) return failed(base, first, [], [...mine.slice(1).map((f) => f.message), ...evidence]);
    if (stalled) return skipped(base, `the request got no answer, which is reported under ${c.noAnswerIsBreach}`);
    if (error) return errored(base, error.code, error.message, [], evidence);
    if (breaches === null) return skipped(base, skipReason ?? whyUnjudged(run));
    return passed(base);
  });
}

/** Why the answer did not let a case judge: what was expected and what came instead. */
export function whyUnjudged(run: CaseRun): string {
  const ex = run.ex;
  if (!ex) return 'the case got no exchange to judge';
  const called = (run.facts ?? []).some((f) => f.ev === 'call');
  const status = ex.status === undefined ? 'no status' : `status ${ex.status}`;
  const lenient = ex.notes.length ? `; read leniently: ${ex.notes.join('; ')}` : '';
  if (ex.status !== undefined && ex.status !== 200 && !called) {
    return `${status} from the server: the probe was never called${lenient}`;
  }
  if ('wire' in ex) return `the conversation (${status}) did not let this case judge${lenient}`;
  if (ex.status === 200 && ex.json === undefined && ex.body.length) {
    const start = JSON.stringify(ex.body.subarray(0, 60).toString('latin1'));
    return (
      `status 200, but the body (${ex.body.length} bytes, starting ${start}) is not the probe's JSON ` +
      `observation${lenient}`
    );
  }
  if (ex.status === 200 && !ex.body.length)
    return `status 200 with an empty body where the probe's observation was expected${lenient}`;
  return (
    `the server's answer (${status}${called ? ', the probe was called' : ', no probe call on record'}) did not let ` +
    `this case judge${lenient}`
  );
}

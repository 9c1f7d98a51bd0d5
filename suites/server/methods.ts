/**
 * RFC 9110 §9.1 Overview: a general-purpose server supports GET and HEAD. A WSGI server hosts
 * arbitrary applications, so it is one (docs/interpretations.md); the method is the
 * application's to answer, and the server must not refuse HEAD before the application runs.
 */
import type { Exchange, ProbeRequest } from '../../harness/server/exchange.js';
import { eventFacts } from '../../harness/probe-protocol.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { defineServerCases, breach, type Observed, type ServerCase, type Skip } from './case.js';
import { sendSafely } from './scheme.js';

/** One target for both requests, so a refusal of HEAD cannot be a refusal of the target. */
const TARGET = '/head/resource?q=1';

/** Statuses that refuse the method itself: 501 Not Implemented (§15.6.2), 405 Method Not Allowed (§15.5.6). */
const REFUSALS: ReadonlySet<number> = new Set([405, 501]);

/** The HEAD answer, with the GET sent just before it to the same target (the control). */
type MethodExchange = Exchange & { control?: Observed };

const called = (o: Observed) => eventFacts(o.facts, 'call').length > 0;

/** GET, then `request` (same target), each on its own connection; the second exchange carries the first. */
const controlled =
  (request: ProbeRequest): NonNullable<ServerCase['run']> =>
  async (send) => {
    const control = await sendSafely(send, 'get', { ...request, method: 'GET' });
    const tested = await sendSafely(send, (request.method ?? 'GET').toLowerCase(), request);
    const { error, ...answer } = tested.ex;
    const ex: MethodExchange = {
      ...answer,
      control,
      transcript: `${control.ex.transcript}\n\n${tested.ex.transcript}`,
    };
    // The application ran, which is all this case asks: an answer lost after that (Tornado closes on HEAD
    // when the application returns a body) is rfc9110-no-body-head's finding, not a reason to leave this unjudged.
    if (error !== undefined && called(tested)) ex.notes = [...ex.notes, `no complete answer after the call: ${error}`];
    else if (error !== undefined) ex.error = error;
    return { ex, facts: tested.facts };
  };

/**
 * Judged only when certain: the GET was served by the application (so the server and the target
 * work), and the method got a refusal without the application being called. A server that calls
 * the application passes, whatever it then sends (rfc9110-no-body-head judges HEAD's framing).
 */
const judge =
  (rule: string, method: string) =>
  (o: Observed): Breach[] | null | Skip => {
    const control = (o.ex as MethodExchange).control;
    if (!control) return null;
    if (control.ex.status !== 200 || !called(control))
      return {
        // No answer at all may be the moment (a queue on a busy machine); a wrong one is the server's.
        ...(control.ex.status === undefined ? { again: true } : {}),
        skip:
          `the GET to the same target was not served by the application ` +
          `(${control.ex.error ?? `status ${String(control.ex.status)}`}), so a ${method} answer says nothing ` +
          `about ${method} in particular`,
      };
    if (called(o)) return [];
    if (o.ex.status === undefined || !REFUSALS.has(o.ex.status)) return null;
    return [
      breach(
        rule,
        `${method} ${TARGET} was answered ${o.ex.status} without calling the application, which served GET on the ` +
          `same target`,
        `${method} passed to the application (REQUEST_METHOD "${method}"), as GET is`,
      ),
    ];
  };

const HEAD: ProbeRequest = { scenario: 'environ', target: TARGET, method: 'HEAD' };

export const methodCases = defineServerCases([
  {
    id: 'head-reaches-app',
    rules: ['rfc9110-head-supported'],
    description:
      'A HEAD request reaches the application, as a GET on the same target does: the server does not answer it ' +
      'with 501 or 405 itself.',
    request: HEAD,
    run: controlled(HEAD),
    check: judge('rfc9110-head-supported', 'HEAD'),
  },
]);

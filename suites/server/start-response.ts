/** PEP 3333, The start_response() Callable and Error Handling, as the server implements them. */
import { firstFact } from '../../harness/probe-protocol.js';
import { header } from '../../harness/server/exchange.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { defineServerCases, breach, type observation } from './case.js';

const badHeader = (kind: string, rule: string, what: string) => ({
  request: { scenario: 'bad-header' as const, headers: [['X-Probe-Header', kind]] as Array<[string, string]> },
  // A server that accepts the header may fail later while sending it: the facts decide.
  abortExpected: true,
  check: (o: Parameters<typeof observation>[0]): Breach[] | null => {
    const obs = firstFact(o.facts, 'bad-header');
    if (!obs) return null;
    const later = o.ex.error ? ` (the response then failed: ${o.ex.error})` : '';
    return obs.firstCall === 'raised'
      ? []
      : [
          breach(
            rule,
            `start_response accepted ${what} without raising${later}`,
            'start_response raises, so the application can still recover',
          ),
        ];
  },
});

export const startResponseServerCases = defineServerCases([
  {
    id: 'start-response-callable',
    rules: ['start-response-signature', 'start-response-returns-write', 'start-response-second-call-error'],
    description:
      'start_response takes (status, headers, exc_info) positionally, returns a write callable, and raises when ' +
      'called again without exc_info.',
    request: { scenario: 'start-response' },
    check: (o) => {
      // The probe's facts, not its body: a server that accepts the second call sends its status (299).
      const obs = o.facts.find((f) => f.ev === 'start-response') as
        | { returnedCallable?: boolean; secondCall?: string }
        | undefined;
      const raised = o.facts.find((f) => f.ev === 'raised') as { error?: { message?: string } } | undefined;
      if (!obs)
        return raised
          ? [
              breach(
                'start-response-signature',
                `start_response('200 OK', headers, None) raised: ${JSON.stringify(raised.error?.message)}`,
                'three positional arguments accepted',
              ),
            ]
          : null;
      const out: Breach[] = [];
      if (!obs.returnedCallable)
        out.push(
          breach(
            'start-response-returns-write',
            'start_response returned something that is not callable',
            'the write(data) callable',
          ),
        );
      if (obs.secondCall !== 'raised')
        out.push(
          breach(
            'start-response-second-call-error',
            'a second start_response call without exc_info was accepted',
            "an error (the PEP's example raises AssertionError)",
          ),
        );
      return out;
    },
  },
  {
    id: 'start-response-refuses-hop-by-hop',
    rules: ['headers-hop-by-hop-fatal'],
    description: 'start_response raises when given a hop-by-hop header (Connection).',
    ...badHeader('hop-by-hop', 'headers-hop-by-hop-fatal', 'a Connection header'),
  },
  {
    id: 'start-response-checks-headers-early',
    rules: ['start-response-check-headers-early'],
    description: 'start_response raises at once for a header value containing CR LF.',
    ...badHeader('newline', 'start-response-check-headers-early', 'a header value with CR LF'),
  },
  {
    id: 'exc-info-replaces-unsent-headers',
    rules: ['exc-info-replace-before-sent'],
    description: 'start_response(..., exc_info) before anything was sent replaces the status and headers completely.',
    request: { scenario: 'exc-info-replace' },
    check: (o) => {
      // The status on the wire may be the replacement even when the call raised (uWSGI): the fact decides.
      const raised = firstFact(o.facts, 'replace-raised');
      if (raised)
        return [
          breach(
            'exc-info-replace-before-sent',
            `start_response(..., exc_info) raised ${raised.error?.type ?? 'an exception'} ` +
              `(${raised.error?.message ?? ''}) instead of returning, though nothing had been sent (status ` +
              `${o.ex.status ?? 'none'} went out)`,
            'replace the status and headers, then return, so the application can send its error body',
          ),
        ];
      if (!o.ex.status) return null;
      const out: Breach[] = [];
      if (o.ex.status !== 500)
        out.push(
          breach(
            'exc-info-replace-before-sent',
            `the response status is ${o.ex.status}, not the 500 of the second call`,
            'the status of the exc_info call',
          ),
        );
      if (header(o.ex, 'X-Probe-First').length)
        out.push(
          breach(
            'exc-info-replace-before-sent',
            'X-Probe-First from the replaced call was still sent',
            'only the headers of the exc_info call',
          ),
        );
      if (!header(o.ex, 'X-Probe-Second').length)
        out.push(
          breach(
            'exc-info-replace-before-sent',
            'X-Probe-Second of the exc_info call is missing',
            'the headers of the exc_info call',
          ),
        );
      return out.slice(0, 1);
    },
  },
  {
    id: 'exc-info-raises-after-headers-sent',
    rules: ['exc-info-raise-after-sent', 'exc-info-reraise-original'],
    description: 'start_response(..., exc_info) after the headers were sent raises, and re-raises exc_info[1] itself.',
    request: { scenario: 'exc-info-after-sent' },
    abortExpected: true,
    awaitFacts: (facts) => facts.some((f) => f.ev === 'late-start-response'),
    check: ({ ex, facts }) => {
      const late = firstFact(facts, 'late-start-response');
      if (!late) return null;
      // A server that buffers the body had sent nothing yet: replacing the status is then
      // allowed here (the buffering itself is judged by body-unbuffered), and the 500 shows it.
      if (late.outcome === 'returned' && ex.status === 500) return [];
      if (late.outcome === 'returned')
        return [
          breach(
            'exc-info-raise-after-sent',
            `start_response(..., exc_info) returned normally although status ${ex.status ?? '(aborted)'} and the ` +
              `first chunk were already sent`,
            'raise (the PEP: re-raise exc_info[1])',
          ),
        ];
      return late.same
        ? []
        : [
            breach(
              'exc-info-reraise-original',
              `start_response raised ${late.error?.type} instead of re-raising the original exception`,
              'raise exc_info[1].with_traceback(exc_info[2])',
            ),
          ];
    },
  },
]);

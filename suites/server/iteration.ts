/** PEP 3333, Specification Details and Handling the Content-Length Header: how the server iterates. */
import { eventFacts, firstFact } from '../../harness/probe-protocol.js';
import { defineServerCases, breach, NO_WRITE_SKIP } from './case.js';

/** Why failed-start-response-still-counts does not judge a server whose first call did not fail. */
export const FIRST_CALL_ACCEPTED =
  'start_response accepted the Connection header, so no call failed that a second one could ' +
  'follow (headers-hop-by-hop-fatal judges that)';

export const iterationCases = defineServerCases([
  {
    id: 'getitem-only-iterable',
    rules: ['body-getitem-iterable'],
    description: "An iterable with only __getitem__ (the PEP's own FileWrapper shape) is iterated and sent.",
    request: { scenario: 'getitem' },
    check: ({ ex }) =>
      ex.status === 200 && ex.body.toString() === 'getitem'
        ? []
        : [
            breach(
              'body-getitem-iterable',
              ex.error
                ? `no answer: ${ex.error}`
                : `the server answered ${ex.status} ${JSON.stringify(ex.body.toString('latin1').slice(0, 60))}`,
              "200 'getitem': iterate with iter(), which falls back to __getitem__",
            ),
          ],
  },
  {
    id: 'iterable-attributes',
    rules: ['body-no-other-attributes'],
    description: 'The server uses only iteration, close() and len() of the returned iterable.',
    request: { scenario: 'attributes' },
    check: ({ ex, facts }) => {
      if (ex.status !== 200) return null;
      const names = [...new Set(eventFacts(facts, 'attribute').map((f) => f.name))];
      return names.length
        ? [
            breach(
              'body-no-other-attributes',
              `the server looked up ${names.map((n) => `.${n}`).join(', ')} on the application's iterable`,
              'only iter(), close() and len()',
            ),
          ]
        : [];
    },
  },
  {
    id: 'content-length-ends-iteration',
    rules: ['body-cl-stop-iterating', 'close-after-early-stop', 'close-once-no-iter-after'],
    description:
      'With Content-Length reached after the first item, the server stops iterating, and calls close() once, with ' +
      'no next() after it.',
    request: { scenario: 'content-length' },
    // A raw socket that waits for the server to close: a client reset during the server's
    // clean-up would make close() depend on timing (werkzeug skips it then).
    raw: { protocol: 'HTTP/1.1' },
    // A server may drop the connection over the excess bytes: the probe's facts decide.
    abortExpected: true,
    awaitFacts: (facts) => facts.some((f) => f.ev === 'close'),
    check: ({ facts }) => {
      if (!facts.some((f) => f.ev === 'call')) return null;
      const pulled = eventFacts(facts, 'item-pulled');
      const closes = eventFacts(facts, 'close');
      const out = [];
      if (pulled.length > 2)
        out.push(
          breach(
            'body-cl-stop-iterating',
            `the server pulled ${pulled.length} items although the first one completed the 5-byte Content-Length`,
            'stop iterating once Content-Length bytes are sent',
          ),
        );
      if (!closes.length)
        out.push(
          breach(
            'close-after-early-stop',
            'close() was not called after the server stopped at Content-Length',
            'close() whenever the server stops iterating',
          ),
        );
      if (closes.length > 1 || pulled.some((p) => p.afterClose))
        out.push(
          breach(
            'close-once-no-iter-after',
            closes.length > 1
              ? `close() was called ${closes.length} times`
              : 'the server pulled an item after calling close()',
            'close() once, and no next() after it',
          ),
        );
      return out;
    },
  },
  {
    id: 'write-past-content-length',
    rules: ['write-cl-excess-error'],
    description: "write() past the application's Content-Length raises an error.",
    request: { scenario: 'write-excess' },
    abortExpected: true,
    // The client may have its bytes before the probe records what write() did.
    awaitFacts: (facts) => facts.some((f) => f.ev === 'excess-write'),
    check: ({ facts }) => {
      const w = firstFact(facts, 'excess-write');
      if (!w) return null;
      if (w.outcome === 'no-write-callable') return { skip: NO_WRITE_SKIP };
      // A broken pipe only says the client had its 5 bytes and left: not the server enforcing anything.
      if (w.outcome === 'raised' && /BrokenPipe|ConnectionReset|ConnectionAborted|EPIPE/i.test(JSON.stringify(w.error)))
        return null;
      return w.outcome === 'raised'
        ? []
        : [
            breach(
              'write-cl-excess-error',
              'with Content-Length 10 and 5 bytes written, write(b"67890EXTRA") returned normally',
              'an error from write()',
            ),
          ];
    },
  },
  {
    id: 'failed-start-response-still-counts',
    rules: ['start-response-store-then-check'],
    description:
      'After a start_response call that raised, another call without exc_info fails too: the first call counted.',
    request: { scenario: 'store-then-check' },
    check: ({ facts }) => {
      const f = firstFact(facts, 'store-then-check');
      if (!f) return null;
      // Only servers that refuse the first call can be judged.
      if (f.first !== 'raised') return { skip: FIRST_CALL_ACCEPTED };
      return f.second === 'raised'
        ? []
        : [
            breach(
              'start-response-store-then-check',
              'after start_response raised for a Connection header, a second call without exc_info was accepted',
              'the second call fails; only a call with exc_info may succeed',
            ),
          ];
    },
  },
  {
    id: 'server-traps-app-error',
    rules: ['exc-server-trap-log'],
    description:
      'When the application raises before any output, the server answers with an error response (5xx), ' +
      'also after an earlier request whose iteration raised mid-response.',
    request: { scenario: 'raise' },
    abortExpected: true, // closing without an answer is the finding, not an error of ours
    // Error Handling: both kinds of exception must be trapped. A server whose handling of a
    // mid-response error breaks its later error handling (Daphne's application checker) would
    // otherwise pass or fail by case order; provoking one first makes the verdict its own.
    run: async (send) => {
      await send('midstream', { scenario: 'close-error' });
      return send('raise', { scenario: 'raise' });
    },
    check: ({ ex }) => {
      if (ex.status !== undefined && ex.status >= 500) return [];
      const got = ex.error ? `no error response: ${ex.error}` : `the server answered ${ex.status}`;
      const message = `${got} (after an earlier request whose iteration raised after output)`;
      return [breach('exc-server-trap-log', message, 'an error response such as 500 Internal Server Error')];
    },
  },
]);

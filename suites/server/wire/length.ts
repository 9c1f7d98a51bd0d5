/**
 * Bodies exactly as long as the framing says (PEP 3333, Handling the Content-Length Header;
 * RFC 9110 §6.4.1, §8.6, §9.3.2; RFC 9112 §6.1), checked with a second request pipelined
 * behind the first: a body the framing did not announce shows up where its answer should start.
 */
import type { Breach } from '../../../spec/schemas/issue.js';
import { defineServerCases, breach } from '../case.js';
import { converseRun } from './conversation.js';
import {
  afterResponse,
  called,
  FOLLOW_UP,
  garbled,
  get,
  inconclusiveSilence,
  plan,
  problemBreaches,
  tooLateToSeeClose,
  withConversations,
} from './checks.js';

const PIPELINED = { timeoutMs: 2500 };
/** The head and the 5 body bytes of wire-cl-short-close have arrived. */
const shortBodyIn = (received: Buffer): boolean => {
  const head = received.indexOf('\r\n\r\n', 0, 'latin1');
  return head >= 0 && received.includes('12345', head, 'latin1');
};
const NO_BODY_RULES = ['rfc9110-no-body-204-304', 'rfc9110-no-content-length-1xx-204', 'rfc9112-no-te-1xx-204'];

export const lengthWireCases = defineServerCases([
  {
    id: 'wire-cl-no-excess',
    rules: ['body-cl-no-excess'],
    description:
      "With the application's Content-Length: 5 and items '12345', 'EXTRA', the client gets 5 body bytes and " +
      'nothing more: the request pipelined behind it gets its own intact answer (or the connection closes).',
    request: { scenario: 'respond' },
    run: converseRun([
      plan(
        'GET, Content-Length: 5, then 10 bytes yielded',
        [get({ headers: [['Content-Length', '5']], items: ['12345', 'EXTRA'] }), FOLLOW_UP],
        PIPELINED,
      ),
    ]),
    check: withConversations(([c]) => {
      const r = c?.parsed.responses.find((x) => !x.interim);
      if (!c || !r?.complete) return null;
      if (!c.record.received.subarray(r.headEnd).includes('EXTRA', 0, 'latin1')) return [];
      return [
        breach(
          'body-cl-no-excess',
          `bytes beyond Content-Length: 5 were sent: ${afterResponse(c, 0) ?? 'EXTRA'}`,
          '5 body bytes, then the next response or the close',
        ),
      ];
    }),
  },
  {
    id: 'wire-cl-short-close',
    rules: ['body-cl-short-close'],
    description:
      "With the application's Content-Length: 10 and only 5 bytes yielded, the server closes the connection after " +
      'them, instead of leaving the client waiting or answering a next request, sent once the 5 bytes arrived, ' +
      'inside the missing 5 bytes.',
    request: { scenario: 'respond' },
    // The next request goes out once the short body is in, not pipelined: a server that
    // keeps the connection answers it (its bytes fill the gap: a finding that no clock
    // decides), one that closes has closed. Pipelined, a server that reads one request at a
    // time left it unread and closed only as an idle keep-alive, whenever that came.
    run: converseRun([
      plan(
        'GET, Content-Length: 10, then 5 bytes yielded; the next request once they arrived',
        [get({ headers: [['Content-Length', '10']], items: ['12345'] }), FOLLOW_UP],
        {
          timeoutMs: 2500,
          expect: 1,
          steps: ([first, next]) => [
            { bytes: first ?? Buffer.alloc(0) },
            { bytes: next ?? Buffer.alloc(0), wait: { maxMs: 2000, until: shortBodyIn } },
          ],
        },
      ),
    ]),
    check: withConversations(([c]) => {
      const r = c?.parsed.responses.find((x) => !x.interim);
      if (!c || !r || r.framing !== 'content-length') return null;
      if (r.complete)
        return [
          breach(
            'body-cl-short-close',
            `the short body was completed by other bytes: ${JSON.stringify(r.body.toString('latin1'))}`,
            'the connection closed after the 5 bytes',
          ),
        ];
      if (c.record.closedByServer) return [];
      // The 5 bytes came just before the client stopped waiting: a close may not have arrived yet.
      const late = tooLateToSeeClose(c);
      if (late) return { skip: late, again: true };
      return [
        breach(
          'body-cl-short-close',
          `after ${r.body.length} of 10 announced bytes the connection stayed open for ${c.record.endMs} ms: the ` +
            `client is left waiting`,
          'the connection closed after the 5 bytes',
        ),
      ];
    }),
  },
  {
    id: 'wire-head',
    rules: ['rfc9110-no-body-head'],
    description:
      'HEAD is answered like GET but without content, although the application returns a body (with ' +
      'Content-Length, and streamed without it); the request pipelined behind it gets its own answer.',
    request: { scenario: 'respond' },
    run: converseRun(
      [
        plan(
          'HEAD, the application returns 5 bytes with Content-Length',
          [get({ items: ['hello'], length: true }, { method: 'HEAD' }), FOLLOW_UP],
          PIPELINED,
        ),
        plan(
          'HEAD, the application streams a body without Content-Length',
          [get({ items: ['hello ', 'world'] }, { method: 'HEAD' })],
          { timeoutMs: 2500, settleMs: 300 },
        ),
      ],
      { facts: true },
    ),
    check: withConversations((convs, o) => {
      const why = garbled(convs);
      if (why) return { skip: why };
      const out: Breach[] = [];
      for (const [n, c] of convs.entries()) {
        if (c.record.end === 'error') return null;
        const r = c.parsed.responses.find((x) => !x.interim);
        // Silence before the application ran may be a queue; after it returned, it is the server.
        const silence = !called(o.facts, n) && inconclusiveSilence(c);
        if (!r && silence) return { skip: silence, again: true };
        if (!r)
          out.push(
            breach(
              'rfc9110-no-body-head',
              `${c.label}: no response to HEAD ` +
                `(${c.record.end === 'closed' ? 'the server closed the connection' : 'nothing came'})`,
              'the GET response without content',
            ),
          );
        else {
          const body = afterResponse(c, c.parsed.responses.indexOf(r));
          if (body)
            out.push(
              breach(
                'rfc9110-no-body-head',
                `${c.label}: content after the HEAD response's header section: ${body}`,
                'nothing after the header section',
              ),
            );
        }
      }
      return out.slice(0, 1);
    }),
  },
  {
    id: 'wire-no-body-204-304',
    rules: NO_BODY_RULES,
    description:
      "The application's 204 and 304 answers (empty lists or generators, no Content-Length) reach the client with " +
      'no body, no Transfer-Encoding and, for 204, no Content-Length; the request pipelined behind each gets its ' +
      'own answer.',
    request: { scenario: 'respond' },
    run: converseRun([
      plan(
        'GET, the application answers 204',
        [get({ status: '204 No Content', items: [], iterable: 'list' }), FOLLOW_UP],
        PIPELINED,
      ),
      plan(
        'GET, the application answers 304',
        [get({ status: '304 Not Modified', headers: [['ETag', '"probe"']], items: [], iterable: 'list' }), FOLLOW_UP],
        PIPELINED,
      ),
      // A generator has no len(): servers that chunk what they cannot measure show it here.
      plan(
        'GET, the application answers 204 from a generator',
        [get({ status: '204 No Content', items: [] }), FOLLOW_UP],
        PIPELINED,
      ),
    ]),
    check: withConversations((convs) => {
      if (!convs.some((c) => c.parsed.responses.length)) return null;
      const out = problemBreaches(convs, NO_BODY_RULES);
      for (const c of convs) {
        const r = c.parsed.responses.find((x) => !x.interim);
        const body = r && afterResponse(c, c.parsed.responses.indexOf(r));
        if (body && !out.some((f) => f.rule === 'rfc9110-no-body-204-304'))
          out.push(
            breach(
              'rfc9110-no-body-204-304',
              `${c.label}: content after the ${r?.status} response's header section: ${body}`,
              'nothing after the header section',
            ),
          );
      }
      return out;
    }),
  },
]);

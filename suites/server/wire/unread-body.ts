/**
 * A request body the application never read, on a kept-alive connection (RFC 9112 §9.3
 * Persistence): the server must read the rest of it or close the connection, or the leftover
 * bytes are taken for the next request. The body here is itself shaped like a request, as a
 * smuggled one would be, and a well-framed request follows once the first answer is in.
 */
import type { Breach } from '../../../spec/schemas/issue.js';
import { defineServerCases, breach } from '../case.js';
import { converseRun } from './conversation.js';
import {
  called,
  completeFinals,
  FOLLOW_UP,
  garbled,
  get,
  inconclusiveSilence,
  plan,
  withConversations,
} from './checks.js';

const REPLY = 'unread-body-reply';
/** What the leftover bytes would be read as: a request of their own. */
const SMUGGLED = 'GET /smuggled HTTP/1.1\r\nHost: smuggled.invalid\r\nContent-Length: 0\r\n\r\n';
const firstAnswered = (r: Buffer) => r.includes(REPLY, 0, 'latin1');

export const unreadBodyWireCases = defineServerCases([
  {
    id: 'wire-unread-body',
    rules: ['rfc9112-unread-body-close'],
    description:
      'After an application that never read its 69-byte request body, the next request on the same ' +
      'connection is answered as itself (the server read the rest of the body) or not at all (it closed ' +
      'the connection): the leftover bytes are never answered as a request.',
    request: { scenario: 'respond' },
    run: converseRun(
      [
        plan(
          'POST whose body the application leaves unread, then a GET on the same connection',
          [
            get(
              { items: [REPLY], length: true },
              {
                method: 'POST',
                headers: [
                  ['Content-Type', 'text/plain'],
                  ['Content-Length', String(SMUGGLED.length)],
                ],
                body: SMUGGLED,
              },
            ),
            FOLLOW_UP,
          ],
          {
            // The second request goes once the first answer is in, and once a request on a second
            // connection was answered: no pipelining involved, even for a server that ends a request
            // after its last bytes left (Daphne: docs/findings/daphne-env-call-once-per-request.md).
            steps: ([first, second], alongside) => [
              { bytes: first ?? Buffer.alloc(0) },
              {
                bytes: second ?? Buffer.alloc(0),
                wait: { maxMs: 2000, until: firstAnswered },
                barrier: () => alongside(plan('a GET on a second connection', [FOLLOW_UP], { timeoutMs: 2000 })),
              },
            ],
            timeoutMs: 5000,
          },
        ),
      ],
      { facts: true },
    ),
    check: withConversations(([c], o): Breach[] | null | { skip: string; again?: boolean } => {
      if (!c || c.record.end === 'error') return null;
      const broken = garbled([c]);
      if (broken) return { skip: broken };
      const [first, next] = completeFinals(c);
      const silence = !called(o.facts, 0) && inconclusiveSilence(c);
      if (!first && silence) return { skip: silence, again: true };
      if (first?.status !== 200 || first.body.toString('latin1') !== REPLY) return null;
      if (!next) {
        // Closing is what the rule allows; silence on an open connection says nothing.
        if (c.record.closedByServer) return [];
        return { skip: `the request after it got no answer within ${c.record.endMs} ms`, again: true };
      }
      const got = next.body.toString('latin1');
      if (got === 'follow-up') return [];
      // Only an answer to the leftover bytes shows them read as a request (the probe echoes
      // its environ, PATH_INFO /smuggled, to a request without a scenario); any other answer
      // to the next request is some other fault.
      if (!got.includes('smuggled'))
        return {
          skip:
            `the request after it was answered ${next.statusLine}, ` +
            'which is neither its own answer nor one to the leftover body bytes',
        };
      return [
        breach(
          'rfc9112-unread-body-close',
          `the request sent after it on the same connection was answered ${next.statusLine} ` +
            `(${JSON.stringify(got.slice(0, 60))}), not with its own answer: ` +
            'the body bytes the application left unread were read as the next request',
          "the next request answered 'follow-up', or the connection closed after the first answer",
        ),
      ];
    }),
  },
]);

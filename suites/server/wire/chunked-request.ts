/**
 * Chunked request bodies (RFC 9112 §7.1): a chunk extension (§7.1.1) and a trailer section
 * (§7.1.2) are each sent in a conversation of their own, next to a plain chunked body as the
 * control, so a failure names the part of the framing the server could not take.
 */
import { chunkedBody } from '../../../harness/wire/bytes.js';
import type { Breach } from '../../../spec/schemas/issue.js';
import { defineServerCases, breach } from '../case.js';
import { converseRun, type Conversation } from './conversation.js';
import { completeFinals, echoed, FOLLOW_UP, get, plan, withConversations } from './checks.js';

const BODY = 'hello world';
const echoBody = (c: Conversation | undefined) => echoed(c && completeFinals(c)[0])?.body;
const chunkedPost = (opts: Parameters<typeof chunkedBody>[1] = {}) =>
  get(
    { echo: 'body', readSize: BODY.length, readTwice: true },
    { method: 'POST', headers: [['Transfer-Encoding', 'chunked']], body: chunkedBody(['hello ', 'world'], opts) },
  );

/**
 * The application read the plain content, and the request pipelined behind was answered on
 * its own, when the control (a plain chunked body) shows the server answers such follow-ups.
 */
function judge(c: Conversation, control: Conversation, rule: string, what: string): Breach[] {
  const got = echoBody(c);
  const first = c.parsed.responses.find((r) => !r.interim);
  if (got !== BODY)
    return [
      breach(
        rule,
        first
          ? `${what} the answer was ` +
              `${first.statusLine}${first.status === 200 ? `, the application read ${JSON.stringify(got)}` : ''}`
          : `no answer ${what} (${c.record.end})`,
        `the application reads ${JSON.stringify(BODY)}`,
      ),
    ];
  if (!completeFinals(control)[1]) return [];
  const next = completeFinals(c)[1];
  if (next?.body.toString('latin1') === 'follow-up') return [];
  // Closing the connection without a word is a server's right (RFC 9112 §9.6; the client
  // retries): only a wrong answer or bytes that are no answer show the body was misread.
  const stray = c.parsed.extra.length ? JSON.stringify(c.parsed.extra.subarray(0, 60).toString('latin1')) : '';
  if (!next && !stray) return [];
  const seen = next ? `was answered ${next.statusLine}` : `was answered with bytes that are no HTTP response: ${stray}`;
  return [
    breach(
      rule,
      `${what} the request pipelined behind it ${seen}, although after a plain chunked body it was answered: the ` +
        `body's framing was not consumed to its end`,
      'the pipelined request answered normally',
    ),
  ];
}

export const chunkedRequestWireCases = defineServerCases([
  {
    id: 'wire-chunked-request',
    rules: ['rfc9112-chunk-extensions', 'rfc9112-chunked-trailer'],
    description:
      'A chunked request body with chunk extensions, and one with a trailer field, each reach wsgi.input as ' +
      "'hello world', like the same body without them, and a request pipelined behind each is answered on its own.",
    request: { scenario: 'respond' },
    run: converseRun([
      plan('POST, plain chunked body', [chunkedPost(), FOLLOW_UP], { timeoutMs: 3000 }),
      plan(
        'POST, chunked body with chunk extensions',
        [chunkedPost({ extensions: [';probe=1', ';name="quoted value"'] }), FOLLOW_UP],
        { timeoutMs: 3000 },
      ),
      plan(
        'POST, chunked body with a trailer field',
        [chunkedPost({ trailers: [['X-Probe-Trailer', 'end']] }), FOLLOW_UP],
        { timeoutMs: 3000 },
      ),
    ]),
    check: withConversations(([plain, ext, trailer]) => {
      if (!plain || !ext || !trailer) return null;
      const plainAnswer = plain.parsed.responses.find((r) => !r.interim);
      if (echoBody(plain) !== BODY) {
        const refused = plainAnswer && plainAnswer.status >= 400 && plainAnswer.status < 500;
        return {
          // A plain body that timed out on a busy machine says nothing yet: try again.
          ...(plain.record.end === 'timeout' ? { again: true } : {}),
          skip: refused
            ? `the server refuses chunked request bodies (${plainAnswer.statusLine}), which RFC 9112 §6.3 allows (411)`
            : `even a plain chunked body did not reach the application as ${JSON.stringify(BODY)} ` +
              `(${plainAnswer?.statusLine ?? plain.record.end}): http11-inbound-hop-by-hop (case ` +
              `input-chunked-request) judges that`,
        };
      }
      const after = completeFinals(plain)[1];
      if (after && after.body.toString('latin1') !== 'follow-up')
        return {
          skip:
            `even after a plain chunked body the next request was answered ${after.statusLine}: the server leaves ` +
            `chunked bodies unread, whatever their extensions or trailers`,
        };
      return [
        ...judge(ext, plain, 'rfc9112-chunk-extensions', 'with chunk extensions'),
        ...judge(trailer, plain, 'rfc9112-chunked-trailer', 'with a trailer field'),
      ];
    }),
  },
]);

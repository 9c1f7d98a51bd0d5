/**
 * Requests a server must refuse before they reach the application (RFC 9112 §2.2, §5.1,
 * §6.1, §6.3; RFC 9110 §5.4), and request headers that must not pass for others (RFC 3875
 * §4.1.18). After each malformed request a well-formed one on a new connection must still
 * be answered: the server keeps serving.
 */
import type { Breach } from '../../../spec/schemas/issue.js';
import { defineServerCases, breach, type ServerCase } from '../case.js';
import type { WireStep } from '../../../harness/wire/driver.js';
import { type ConversationPlan, converseRun, type Conversation, type PlannedRequest } from './conversation.js';
import {
  called,
  completeFinals,
  echoed,
  FOLLOW_UP,
  get,
  heldWhileServing,
  inconclusiveSilence,
  tooLateToSeeClose,
  plan,
  withConversations,
} from './checks.js';

const HEALTH = plan('then a well-formed GET on a new connection', [FOLLOW_UP], { timeoutMs: 3000 });
const BIG = 70_000; // beyond the 64 KiB line limits common in Python servers
/**
 * The oversized request's first write: its head up to 8 KiB into the big field, past the 4 and
 * 8 KiB request buffers of C servers (uWSGI's buffer-size, gunicorn's field limit). A server
 * that drops the connection there has then read all that was sent, so it closes with a FIN
 * and the silence is certain; were the whole 70 kB written at once, it would close with unread
 * bytes, the kernel would answer with a reset, and the verdict would depend on how far the
 * client's writes had got (over TLS they go out record by record) when the server gave up.
 */
const BIG_FIRST_WRITE = 8 * 1024;
/** How long the server may take to react to the first write before the rest follows. */
const BIG_REACT_MS = 1000;
/** When a silent oversized request gets its control on a second connection, and how long it may stay silent. */
const BIG_CONTROL_AFTER_MS = 1500;
const BIG_WAIT_MS = 6000;
const bigInTwoWrites = ([whole]: Buffer[]): WireStep[] => {
  const bytes = whole ?? Buffer.alloc(0);
  const cut = bytes.indexOf('X-Probe-Big: ') + BIG_FIRST_WRITE;
  return [
    { bytes: bytes.subarray(0, cut) },
    { bytes: bytes.subarray(cut), wait: { maxMs: BIG_REACT_MS, until: (received) => received.length > 0 } },
  ];
};

interface MalformedCase {
  readonly id: string;
  readonly rule: string;
  /** The fact a conforming server makes true. */
  readonly description: string;
  /** How the transcript names the malformed request. */
  readonly label: string;
  readonly request: PlannedRequest;
  /** How the malformed request is written; default: in one write. */
  readonly steps?: ConversationPlan['steps'];
  /** How long the malformed request may take (default 3000 ms), and a control alongside it. */
  readonly timeoutMs?: number;
  readonly control?: ConversationPlan['control'];
  /** The verdict on the malformed request's conversation; whether the application was called. */
  readonly judge: (c: Conversation, reachedApp: boolean) => Breach[] | { skip: string; again?: boolean };
}

/** A malformed request, then the health check; the facts tell whether the application was called. */
function malformed(m: MalformedCase): ServerCase {
  const { id, rule, description, label, request: req, steps, judge } = m;
  return {
    id,
    rules: [rule],
    description: `${description} Afterwards a well-formed request on a new connection is still answered.`,
    request: { scenario: 'respond' },
    run: converseRun(
      [
        plan(label, [{ ...req, spec: req.spec ?? { items: ['reached the application'], length: true } }], {
          timeoutMs: m.timeoutMs ?? 3000,
          ...(steps ? { steps } : {}),
          ...(m.control ? { control: m.control } : {}),
        }),
        HEALTH,
      ],
      { facts: true },
    ),
    check: withConversations(([c, health], o) => {
      if (!c || !health || c.record.end === 'error') return null;
      const verdict = judge(c, called(o.facts, 0));
      if (!Array.isArray(verdict)) return verdict;
      const out = [...verdict];
      // A 200 head is an answer, whatever its body's framing (judged by the framing cases).
      const last =
        health.record.end === 'error'
          ? health.record.error
          : (health.parsed.responses[0]?.statusLine ?? health.record.end);
      if (!health.parsed.responses.some((r) => !r.interim && r.status === 200))
        out.push(
          breach(
            rule,
            `after the malformed request the server no longer answered (${last})`,
            'the server keeps serving',
          ),
        );
      return out.slice(0, 1);
    }),
  };
}

/** The verdict for a request that must get a 4xx and never reach the application. */
function rejected(rule: string, what: string, mustClose = false) {
  return (c: Conversation, reachedApp: boolean): Breach[] | { skip: string; again?: boolean } => {
    const r = c.parsed.responses.find((x) => !x.interim);
    const silence = !reachedApp && inconclusiveSilence(c);
    if (silence) return { skip: silence, again: true };
    if (reachedApp)
      return [
        breach(
          rule,
          `${what} reached the application (answered ${r?.statusLine ?? 'nothing'})`,
          'a 400 before the application is called',
        ),
      ];
    if (!r)
      return [
        breach(
          rule,
          `${what} got no response: the server ` +
            `${c.record.closedByServer ? 'closed the connection' : `said nothing for ${c.record.endMs} ms`}`,
          'a 400 response',
        ),
      ];
    if (r.status < 400 || r.status >= 500)
      return [breach(rule, `${what} was answered ${r.statusLine}`, 'a 4xx (400) response')];
    const late = mustClose ? tooLateToSeeClose(c) : undefined;
    if (late) return { skip: late, again: true };
    if (mustClose && !c.record.closedByServer)
      return [
        breach(
          rule,
          `${what} was answered ${r.statusLine} but the connection stayed open`,
          'a 400, then the connection closed',
        ),
      ];
    return [];
  };
}

export const malformedWireCases = defineServerCases([
  malformed({
    id: 'wire-reject-bad-request-line',
    rule: 'rfc9112-reject-malformed',
    description: 'A request line with spaces inside the target gets a 400 and never reaches the application.',
    label: 'GET /wire two words HTTP/1.1',
    request: { requestLine: 'GET /wire two words HTTP/1.1' },
    judge: rejected('rfc9112-reject-malformed', 'a request line with spaces in the target'),
  }),
  malformed({
    id: 'wire-reject-ws-before-colon',
    rule: 'rfc9112-reject-ws-before-colon',
    description:
      'A request with whitespace between a field name and its colon gets a 400 and never reaches the application.',
    label: 'GET with "X-Probe-Spaced : 1"',
    request: { rawLines: ['X-Probe-Spaced : 1'] },
    judge: rejected('rfc9112-reject-ws-before-colon', 'a field line with whitespace before the colon'),
  }),
  malformed({
    id: 'wire-reject-bad-content-length',
    rule: 'rfc9112-reject-bad-content-length',
    description:
      'A request with two different Content-Length values gets a 400, never reaches the application, and the ' +
      'connection is closed.',
    label: 'POST with Content-Length: 5 and Content-Length: 6',
    request: {
      method: 'POST',
      headers: [
        ['Content-Length', '5'],
        ['Content-Length', '6'],
      ],
      body: 'hello!',
    },
    judge: rejected('rfc9112-reject-bad-content-length', 'a request with Content-Length 5 and 6', true),
  }),
  {
    id: 'wire-close-after-cl-te',
    rules: ['rfc9112-close-after-cl-te'],
    description:
      'A request with both Content-Length and Transfer-Encoding: chunked is refused or read by its chunked ' +
      'framing, and then the connection is closed: the request pipelined behind it is not answered on it.',
    request: { scenario: 'respond' },
    // The application reads 5 bytes twice, not CONTENT_LENGTH: a server that decodes by
    // Transfer-Encoding may leave the stale '3' in environ (werkzeug), and reading by it would
    // blame the framing for what is only a stale variable.
    run: converseRun([
      plan(
        'POST with Content-Length: 3 and Transfer-Encoding: chunked, then a GET',
        [
          get(
            { echo: 'body', readSize: 5, readTwice: true },
            {
              method: 'POST',
              headers: [
                ['Content-Length', '3'],
                ['Transfer-Encoding', 'chunked'],
              ],
              body: '5\r\nhello\r\n0\r\n\r\n',
            },
          ),
          FOLLOW_UP,
        ],
        { timeoutMs: 2500 },
      ),
    ]),
    check: withConversations(([c]) => {
      if (!c || c.record.end === 'error') return null;
      const answers = completeFinals(c);
      const first = answers[0];
      if (answers.length > 1 || c.parsed.problems.some((p) => p.code === 'stray-bytes'))
        return [
          breach(
            'rfc9112-close-after-cl-te',
            `after ${first?.statusLine} the server went on reading the connection and answered again: ${
              answers
                .slice(1)
                .map((r) => r.statusLine)
                .join(', ') || 'stray bytes'
            }`,
            'the connection closed after the first response',
          ),
        ];
      if (first && first.status === 200 && echoed(first)?.body !== 'hello')
        return [
          breach(
            'rfc9112-close-after-cl-te',
            `the application read ${JSON.stringify(echoed(first)?.body)}: the body was framed by Content-Length`,
            'a 400, or the body read by its chunked framing (hello)',
          ),
        ];
      const late = tooLateToSeeClose(c);
      if (late) return { skip: late, again: true };
      if (!c.record.closedByServer)
        return [
          breach(
            'rfc9112-close-after-cl-te',
            `the connection stayed open ${c.record.endMs} ms after ${first ? first.statusLine : 'the request'}`,
            'the connection closed after the response',
          ),
        ];
      return [];
    }),
  },
  malformed({
    id: 'wire-reject-oversized-fields',
    rule: 'rfc9110-reject-oversized-fields',
    description:
      `A request with a ${BIG}-byte header field either reaches the application with the field whole or gets a 4xx; ` +
      `not a 5xx, a cut value, a silent close, or silence kept up while the server answers a request on a second ` +
      `connection.`,
    label: `GET with a ${BIG}-byte X-Probe-Big`,
    request: { headers: [['X-Probe-Big', 'b'.repeat(BIG)]], spec: { echo: 'environ' } },
    steps: bigInTwoWrites,
    // Silence may be a busy server or a held request: a control on a second connection tells them apart.
    timeoutMs: BIG_WAIT_MS,
    control: { afterMs: BIG_CONTROL_AFTER_MS, plan: plan('a well-formed GET on a second connection', [FOLLOW_UP]) },
    judge: (c, reachedApp) => {
      const r = c.parsed.responses.find((x) => !x.interim);
      const silence = !reachedApp && inconclusiveSilence(c);
      const held = silence && heldWhileServing(c);
      if (held)
        return [breach('rfc9110-reject-oversized-fields', `a ${BIG}-byte header field: ${held}`, 'a 4xx response')];
      if (silence) return { skip: silence, again: true };
      const seen = echoed(r)?.environ?.HTTP_X_PROBE_BIG;
      if (reachedApp && r?.status === 200)
        return seen?.length === BIG
          ? []
          : [
              breach(
                'rfc9110-reject-oversized-fields',
                `the application saw X-Probe-Big with ${seen?.length ?? 'no'} bytes instead of ${BIG}`,
                `the whole field, or a 4xx`,
              ),
            ];
      return rejected('rfc9110-reject-oversized-fields', `a ${BIG}-byte header field`)(c, false);
    },
  }),
  {
    id: 'wire-underscore-headers',
    rules: ['env-http-underscore', 'env-cgi-not-from-headers'],
    description:
      'Request headers cannot pass for others: X_Probe_Under does not replace or join X-Probe-Under in ' +
      'HTTP_X_PROBE_UNDER, and SCRIPT_NAME / PATH_INFO headers do not move the application (GET /evil/path keeps ' +
      "SCRIPT_NAME '' and PATH_INFO '/evil/path').",
    request: { scenario: 'respond' },
    run: converseRun([
      plan(
        'GET /evil/path with impersonating headers',
        [
          get(
            { echo: 'environ' },
            {
              target: '/evil/path',
              headers: [
                ['X-Probe-Under', 'dash'],
                ['X_Probe_Under', 'underscore'],
                ['SCRIPT_NAME', '/evil'],
                ['PATH_INFO', '/other'],
              ],
            },
          ),
        ],
        { timeoutMs: 3000 },
      ),
    ]),
    check: withConversations(([c]) => {
      const r = c && completeFinals(c)[0];
      const env = echoed(r)?.environ;
      if (!r) return null;
      if (!env)
        return [
          breach(
            'env-cgi-not-from-headers',
            `the request was answered ${r.statusLine} instead of reaching the application`,
            "SCRIPT_NAME '' and PATH_INFO '/evil/path'",
          ),
        ];
      const out: Breach[] = [];
      if (env.HTTP_X_PROBE_UNDER !== 'dash')
        out.push(
          breach(
            'env-http-underscore',
            `HTTP_X_PROBE_UNDER is ${JSON.stringify(env.HTTP_X_PROBE_UNDER)}: the X_Probe_Under header passed for ` +
              `X-Probe-Under`,
            "'dash', what X-Probe-Under said",
          ),
        );
      // Only what the headers could have caused: other SCRIPT_NAME bugs are env-script-name's.
      if (env.SCRIPT_NAME === '/evil' || ['/other', '/path'].includes(env.PATH_INFO ?? ''))
        out.push(
          breach(
            'env-cgi-not-from-headers',
            `SCRIPT_NAME ${JSON.stringify(env.SCRIPT_NAME)}, PATH_INFO ${JSON.stringify(env.PATH_INFO)} for GET ` +
              `/evil/path with SCRIPT_NAME and PATH_INFO request headers`,
            "SCRIPT_NAME '' and PATH_INFO '/evil/path'",
          ),
        );
      return out;
    }),
  },
]);

/**
 * What the application sent reaches the client (PEP 3333, Other HTTP Features: "play dumb";
 * start_response; Specification Details): status, headers, body bytes, empty items.
 */
import type { Breach } from '../../../spec/schemas/issue.js';
import { defineServerCases, breach } from '../case.js';
import { converseRun, type Conversation } from './conversation.js';
import {
  afterResponse,
  called,
  completeFinals,
  FOLLOW_UP,
  garbled,
  get,
  header,
  inconclusiveSilence,
  plan,
  withConversations,
} from './checks.js';

const STATUSES = ['200 Probe Fine', '299 Probe Reason Phrase'];
/** Headers that change what a response means; a server must not invent them (play dumb). */
const SEMANTIC = [
  'content-type',
  'content-encoding',
  'content-language',
  'content-location',
  'content-disposition',
  'content-range',
  'cache-control',
  'expires',
  'pragma',
  'etag',
  'last-modified',
  'vary',
  'set-cookie',
  'location',
  'refresh',
  'link',
];
const BINARY = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
const LINE_ENDINGS = 'a\r\nb\nc\rd\r\r\n\n';

/** The first final response of each conversation, or a reason not to judge. */
function firsts(convs: Conversation[]) {
  const why = garbled(convs);
  const rs = convs.map((c) => completeFinals(c)[0]);
  return why ? { skip: why } : rs.every(Boolean) ? rs : null;
}

export const passthroughWireCases = defineServerCases([
  {
    id: 'wire-status-preserved',
    rules: ['status-preserved'],
    description:
      `The application's status lines (${STATUSES.map((s) => `'${s}'`).join(', ')}) reach the client unchanged, ` +
      `reason phrase included.`,
    request: { scenario: 'respond' },
    run: converseRun(
      STATUSES.map((status) =>
        plan(`GET, the application answers '${status}'`, [get({ status, items: ['x'], length: true })]),
      ),
    ),
    check: withConversations((convs) => {
      const rs = firsts(convs);
      if (!Array.isArray(rs)) return rs;
      return rs
        .flatMap((r, i): Breach[] => {
          const sent = `${r?.status} ${r?.reason}`;
          return sent === STATUSES[i]
            ? []
            : [
                breach(
                  'status-preserved',
                  `the application said '${STATUSES[i]}', the client got '${sent}'`,
                  `'${STATUSES[i]}'`,
                ),
              ];
        })
        .slice(0, 1);
    }),
  },
  {
    id: 'wire-play-dumb',
    rules: ['http11-play-dumb'],
    description:
      'A response whose application sent no Content-Type (only X-Probe-Only) gets no Content-Type, ' +
      'Content-Encoding, caching or other meaning-changing header from the server, and its body unchanged.',
    request: { scenario: 'respond' },
    run: converseRun([
      plan('GET, a response with no Content-Type', [
        get({ headers: [['X-Probe-Only', '1']], items: ['plain bytes'], length: true }),
      ]),
    ]),
    check: withConversations((convs) => {
      const rs = firsts(convs);
      if (!Array.isArray(rs)) return rs;
      const r = rs[0];
      const added = (r?.headers ?? [])
        .filter(([n]) => SEMANTIC.includes(n.toLowerCase()))
        .map(([n, v]) => `${n}: ${v}`);
      if (added.length)
        return [
          breach(
            'http11-play-dumb',
            `the server added ${added.join('; ')} to a response whose application sent none`,
            'only Date, Server, framing and connection fields added',
          ),
        ];
      return r?.body.toString('latin1') === 'plain bytes'
        ? []
        : [
            breach(
              'http11-play-dumb',
              `the body became ${JSON.stringify(r?.body.toString('latin1'))}`,
              "'plain bytes'",
            ),
          ];
    }),
  },
  {
    id: 'wire-headers-preserved',
    rules: ['headers-preserved'],
    description:
      'Repeated headers reach the client as sent: two Set-Cookie lines stay two lines in order, two X-Probe-Multi ' +
      'values keep their order, inner spaces stay.',
    request: { scenario: 'respond' },
    run: converseRun([
      plan('GET, repeated and spaced headers', [
        get({
          headers: [
            ['Set-Cookie', 'a=1; Path=/'],
            ['X-Probe-Multi', 'one'],
            ['Set-Cookie', 'b=2'],
            ['X-Probe-Multi', 'two'],
            ['X-Probe-Spaces', 'a  b'],
          ],
          items: ['ok'],
          length: true,
        }),
      ]),
    ]),
    check: withConversations((convs) => {
      const rs = firsts(convs);
      if (!Array.isArray(rs)) return rs;
      const r = rs[0];
      const out: string[] = [];
      const cookies = header(r, 'Set-Cookie');
      if (JSON.stringify(cookies) !== JSON.stringify(['a=1; Path=/', 'b=2']))
        out.push(`Set-Cookie came as ${JSON.stringify(cookies)}`);
      // Combining into one comma-separated line keeps the meaning (RFC 9110 §5.3); reordering does not.
      const multi = header(r, 'X-Probe-Multi')
        .join(',')
        .split(',')
        .map((v) => v.trim());
      if (JSON.stringify(multi) !== JSON.stringify(['one', 'two']))
        out.push(`X-Probe-Multi came as ${JSON.stringify(header(r, 'X-Probe-Multi'))}`);
      if (header(r, 'X-Probe-Spaces')[0] !== 'a  b')
        out.push(`X-Probe-Spaces came as ${JSON.stringify(header(r, 'X-Probe-Spaces'))}`);
      return out.length
        ? [
            breach(
              'headers-preserved',
              out.join('; '),
              "Set-Cookie: 'a=1; Path=/' then 'b=2' on two lines; X-Probe-Multi 'one' then 'two'; X-Probe-Spaces " +
                "'a  b'",
            ),
          ]
        : [];
    }),
  },
  {
    id: 'wire-headers-case-insensitive',
    rules: ['headers-case-insensitive'],
    description:
      "The application's lower-case `content-length` and `date` count like capitalised ones: the server adds " +
      'neither a second Content-Length or Date nor Transfer-Encoding.',
    request: { scenario: 'respond' },
    run: converseRun([
      plan('GET, lower-case content-length and date', [
        get({
          headers: [
            ['content-type', 'text/plain'],
            ['content-length', '5'],
            ['date', 'Tue, 15 Nov 1994 08:12:31 GMT'],
          ],
          items: ['hello'],
        }),
      ]),
      plan('GET, the same headers capitalised', [
        get({
          headers: [
            ['Content-Type', 'text/plain'],
            ['Content-Length', '5'],
            ['Date', 'Tue, 15 Nov 1994 08:12:31 GMT'],
          ],
          items: ['hello'],
        }),
      ]),
    ]),
    check: withConversations(([lower, control]) => {
      const r = lower?.parsed.responses.find((x) => !x.interim);
      const c = control?.parsed.responses.find((x) => !x.interim);
      if (!r || !c) return null;
      // A server that duplicates the capitalised fields too does not look at them at all: not a matter of case.
      const dup = [
        ...new Set(
          ['Content-Length', 'Date', 'Transfer-Encoding'].filter(
            (n) => header(c, n).length > (n === 'Transfer-Encoding' ? 0 : 1),
          ),
        ),
      ];
      if (dup.length)
        return {
          skip:
            `the server adds ${dup.join(' and ')} even when the application sent it capitalised, so case is not ` +
            `what it gets wrong`,
        };
      const out: string[] = [];
      if (header(r, 'Content-Length').length > 1)
        out.push(`${header(r, 'Content-Length').length} Content-Length lines`);
      if (header(r, 'Transfer-Encoding').length)
        out.push(
          `Transfer-Encoding: ${header(r, 'Transfer-Encoding').join(', ')} although the application set content-length`,
        );
      if (header(r, 'Date').length > 1) out.push(`${header(r, 'Date').length} Date lines`);
      return out.length
        ? [
            breach(
              'headers-case-insensitive',
              `${out.join('; ')}: the server did not see the application's lower-case headers`,
              'application headers matched case-insensitively',
            ),
          ]
        : [];
    }),
  },
  {
    id: 'wire-body-binary',
    rules: ['body-binary-safe'],
    description:
      'Body bytes reach the client unchanged: all 256 byte values, then bare CR, bare LF and CRLF line endings.',
    request: { scenario: 'respond' },
    run: converseRun([plan('GET, binary body', [get({ items: [BINARY, LINE_ENDINGS], length: true })])]),
    check: withConversations((convs) => {
      const rs = firsts(convs);
      if (!Array.isArray(rs)) return rs;
      const body = rs[0]?.body.toString('latin1') ?? '';
      const want = BINARY + LINE_ENDINGS;
      if (body === want) return [];
      const at = [...want].findIndex((ch, i) => body[i] !== ch);
      return [
        breach(
          'body-binary-safe',
          `the body differs from byte ${at} on (${body.length} bytes, expected ${want.length}): got ` +
            `${JSON.stringify(body.slice(at, at + 12))}`,
          'the bytes the application yielded',
        ),
      ];
    }),
  },
  {
    id: 'wire-empty-items',
    rules: ['body-empty-items-ok'],
    description:
      'Empty bytestrings, yielded or passed to write(), neither end nor cut the body (no early zero-size chunk): ' +
      "['', 'part1', '', '', 'part2', ''] and write(b''), write(b'w1'), write(b''), then ['', 'i1'].",
    request: { scenario: 'respond' },
    run: converseRun([
      plan('GET, empty items among the yielded ones', [get({ items: ['', 'part1', '', '', 'part2', ''] }), FOLLOW_UP], {
        timeoutMs: 2500,
      }),
      plan("GET, write(b'') among the writes", [get({ writes: ['', 'w1', ''], items: ['', 'i1'] }), FOLLOW_UP], {
        timeoutMs: 2500,
      }),
      plan('GET, the same without the empty strings', [get({ writes: ['w1'], items: ['i1'] })], { timeoutMs: 2500 }),
    ]),
    check: withConversations((convs) => {
      const why = garbled(convs);
      if (why) return { skip: why };
      const out: Breach[] = [];
      // write() that misbehaves without empty strings is for the write() rules to judge.
      const control = convs[2] && completeFinals(convs[2])[0];
      const writeWorks = control?.body.toString('latin1') === 'w1i1';
      for (const [c, want] of [
        [convs[0], 'part1part2'],
        [writeWorks ? convs[1] : undefined, 'w1i1'],
      ] as const) {
        const r = c?.parsed.responses.find((x) => !x.interim);
        if (!c || !r?.complete) continue;
        const stray = afterResponse(c, c.parsed.responses.indexOf(r));
        if (r.body.toString('latin1') !== want || stray)
          out.push(
            breach(
              'body-empty-items-ok',
              `${c.label}: the body ended as ` +
                `${JSON.stringify(r.body.toString('latin1'))}${stray ? `, then ${stray}` : ''}`,
              `${JSON.stringify(want)}, complete`,
            ),
          );
      }
      return out.slice(0, 1);
    }),
  },
  {
    id: 'wire-headers-on-exhaustion',
    rules: ['start-response-headers-on-exhaustion'],
    description:
      "An application that returns an empty iterable ([] or ['', '']) still gets its status and headers sent, " +
      'with an empty body.',
    request: { scenario: 'respond' },
    run: converseRun(
      [
        plan(
          'GET, the application returns []',
          [get({ headers: [['X-Probe-Empty', 'list']], items: [], iterable: 'list' })],
          { timeoutMs: 2500 },
        ),
        plan(
          "GET, the application yields only b''",
          [get({ headers: [['X-Probe-Empty', 'empty-items']], items: ['', ''] })],
          { timeoutMs: 2500 },
        ),
      ],
      { facts: true },
    ),
    check: withConversations((convs, o) => {
      const out: Breach[] = [];
      for (const [n, c] of convs.entries()) {
        const r = c.parsed.responses.find((x) => !x.interim);
        if (c.record.end === 'error') return null;
        const silence = !called(o.facts, n) && inconclusiveSilence(c);
        if (!r && silence) return { skip: silence, again: true };
        if (!r)
          out.push(
            breach(
              'start-response-headers-on-exhaustion',
              `${c.label}: no response ` +
                `(${c.record.end === 'closed' ? 'the server closed the connection' : 'nothing'} within ` +
                `${c.record.endMs} ms)`,
              'the status and headers, with an empty body',
            ),
          );
        else if (r.status !== 200 || !header(r, 'X-Probe-Empty').length)
          out.push(
            breach(
              'start-response-headers-on-exhaustion',
              `${c.label}: the response was ${r.statusLine} without the application's X-Probe-Empty`,
              "the application's status and headers",
            ),
          );
      }
      return out.slice(0, 1);
    }),
  },
]);

/**
 * The connection over time: expect/continue (PEP 3333, HTTP 1.1 Expect/Continue; RFC 9110
 * §15.2), pipelining (RFC 9112 §9.3.2), and when write() data leaves (PEP 3333, The write()
 * Callable). Chunked request bodies are in chunked-request.ts.
 */
import { receivedBy } from '../../../harness/wire/driver.js';
import type { Breach } from '../../../spec/schemas/issue.js';
import { defineServerCases, breach, NO_WRITE_SKIP } from '../case.js';
import { TIMING_SLEEP_MS } from '../timing.js';
import { converseRun, type Conversation } from './conversation.js';
import {
  called,
  completeFinals,
  echoed,
  garbled,
  get,
  inconclusiveSilence,
  plan,
  withConversations,
} from './checks.js';

const BODY = 'hello world';
/** How long the client waits for 100 Continue before sending the body anyway, as curl does. */
const CONTINUE_WAIT_MS = 500;
const headEnded = (r: Buffer) => r.includes('\r\n\r\n', 0, 'latin1');
/** Timing margins of suites/server/timing.ts: the sleep shows whole, or not at all. */
const SHOWN_MS = 400;
const NOT_SHOWN_MS = 150;
const MAX_LOOP_STALL_MS = 150;

const post = (protocol: 'HTTP/1.0' | 'HTTP/1.1', expect: boolean) =>
  get(
    { echo: 'body', readSize: BODY.length },
    {
      method: 'POST',
      protocol,
      headers: [
        ['Content-Type', 'text/plain'],
        ['Content-Length', String(BODY.length)],
        ...(expect ? [['Expect', '100-continue'] as [string, string]] : []),
      ],
    },
  );
const echoBody = (c: Conversation | undefined) => echoed(c && completeFinals(c)[0])?.body;
const PIPELINE = ['answer-0', 'answer-1', 'answer-2'];

export const connectionWireCases = defineServerCases([
  {
    id: 'wire-expect-continue',
    rules: ['http11-expect-continue'],
    description:
      `An HTTP/1.1 POST with Expect: 100-continue works transparently: the client sends the body on 100 Continue ` +
      `(or after ${CONTINUE_WAIT_MS} ms without one, as clients do) and the application reads it whole; no interim ` +
      `response comes after the final one.`,
    request: { scenario: 'respond' },
    run: converseRun(
      [
        plan('HTTP/1.1 POST with Expect: 100-continue', [post('HTTP/1.1', true)], {
          steps: ([head]) => [
            { bytes: head ?? Buffer.alloc(0) },
            { bytes: Buffer.from(BODY), wait: { maxMs: CONTINUE_WAIT_MS, until: headEnded } },
          ],
          timeoutMs: 4000,
        }),
        plan('the same POST without Expect', [{ ...post('HTTP/1.1', false), body: BODY }], { timeoutMs: 3000 }),
      ],
      { facts: true },
    ),
    check: withConversations(([c, control], o) => {
      if (!c || !control || c.record.end === 'error') return null;
      if (echoBody(control) !== BODY)
        return {
          skip:
            `even without Expect the application did not read ${JSON.stringify(BODY)} ` +
            `(${control.parsed.responses.find((r) => !r.interim)?.statusLine ?? control.record.end}): the input ` +
            `rules judge that`,
        };
      const final = c.parsed.responses.find((r) => !r.interim);
      const silence = !called(o.facts, 0) && inconclusiveSilence(c);
      if (!final && silence) return { skip: silence, again: true };
      if (!final)
        return [
          breach(
            'http11-expect-continue',
            `no final response (${c.record.end === 'closed' ? 'the server closed the connection' : 'nothing'} ` +
              `within ${c.record.endMs} ms)`,
            `a 200 whose application read ${JSON.stringify(BODY)}`,
          ),
        ];
      if (echoBody(c) !== BODY) {
        const read = final.status === 200 ? ` and the application read ${JSON.stringify(echoBody(c))}` : '';
        return [
          breach(
            'http11-expect-continue',
            `the answer was ${final.statusLine}${read}`,
            `a 200 whose application read ${JSON.stringify(BODY)}`,
          ),
        ];
      }
      if (c.parsed.extra.length)
        return [
          breach(
            'http11-expect-continue',
            `after the final response came ${JSON.stringify(c.parsed.extra.subarray(0, 40).toString('latin1'))}`,
            'nothing after the final response',
          ),
        ];
      return [];
    }),
  },
  {
    id: 'wire-expect-http10',
    rules: ['rfc9110-no-1xx-http10'],
    description:
      'An HTTP/1.0 POST with Expect: 100-continue (body sent at once) gets its final response and no 1xx interim ' +
      'response.',
    request: { scenario: 'respond' },
    run: converseRun([
      plan('HTTP/1.0 POST with Expect: 100-continue', [{ ...post('HTTP/1.0', true), body: BODY }], { timeoutMs: 3000 }),
    ]),
    check: withConversations(([c]) => {
      const interim = c?.parsed.responses.find((r) => r.interim);
      if (interim)
        return [
          breach(
            'rfc9110-no-1xx-http10',
            `the server sent ${JSON.stringify(interim.statusLine)} to an HTTP/1.0 client`,
            'no 1xx response to HTTP/1.0',
          ),
        ];
      return c?.parsed.finals ? [] : null;
    }),
  },
  {
    id: 'wire-pipelining',
    rules: ['rfc9112-pipelining-order'],
    description:
      'Three GETs pipelined on one connection (the first one slow: its application sleeps 300 ms) are answered in ' +
      'order, each framed so the next is found.',
    request: { scenario: 'respond' },
    run: converseRun([
      plan(
        'three pipelined GETs',
        PIPELINE.map((a, i) => get({ items: [a], length: true, ...(i === 0 ? { sleepMs: 300 } : {}) })),
        { timeoutMs: 3000 },
      ),
    ]),
    check: withConversations(([c]) => {
      if (!c) return null;
      const why = garbled([c]);
      if (why) return { skip: why };
      const answers = completeFinals(c);
      const got = answers.map((r) => r.body.toString('latin1'));
      const stray = c.parsed.problems.find((p) => p.code === 'stray-bytes');
      if (stray)
        return [
          breach(
            'rfc9112-pipelining-order',
            `the answers ran into each other: ${stray.message}`,
            `${PIPELINE.join(', ')}, each complete`,
          ),
        ];
      // An answer that is not the probe's (the server's own error page) says nothing about order:
      // only the application's answers out of their places break RFC 9112 §9.3.2.
      const foreign = got.findIndex((b) => !PIPELINE.includes(b));
      if (foreign >= 0 && got.every((b, i) => b === PIPELINE[i] || !PIPELINE.includes(b)))
        return {
          skip:
            `answer ${foreign + 1} of the 3 pipelined requests was not the application's ` +
            `(${answers[foreign]?.statusLine}): its place cannot show the order`,
        };
      if (got.some((b, i) => b !== PIPELINE[i]))
        return [
          breach('rfc9112-pipelining-order', `the answers came as ${JSON.stringify(got)}`, JSON.stringify(PIPELINE)),
        ];
      return got.length >= 2
        ? []
        : {
            skip:
              `the server answered ${got.length} of the 3 pipelined requests and ` +
              `${c.record.closedByServer ? 'closed the connection' : 'stopped'}: no order to check (RFC 9112 §9.3.2 ` +
              `lets clients retry unanswered requests)`,
          };
    }),
  },
  {
    id: 'wire-write-timing',
    rules: ['write-sends-headers', 'write-sent-or-queued'],
    description:
      `The status line, headers and the data of the application's first write() reach the client while the ` +
      `application still runs (it sleeps ${TIMING_SLEEP_MS} ms after write(), then returns one more item).`,
    request: { scenario: 'respond' },
    run: converseRun([
      plan(
        'GET, write() then a sleep',
        [get({ writes: ['written-data\n'], sleepMs: TIMING_SLEEP_MS, items: ['after-sleep\n'] })],
        { timeoutMs: 4000, settleMs: 50 },
      ),
    ]),
    check: withConversations(([c]) => {
      // The probe's marker when start_response gave out no write() (harness/python/_wsgiconf_probe_wire.py).
      if (c?.record.received.includes('no-write-callable\n', 0, 'latin1')) return { skip: NO_WRITE_SKIP };
      if (!c) return null;
      // Read times from a stalled client loop cannot judge: the case runs again (run-case.ts).
      if (c.record.loopStallMs > MAX_LOOP_STALL_MS)
        return {
          skip:
            `the client's event loop stalled ${c.record.loopStallMs} ms during the exchange, so its read times ` +
            `cannot be trusted`,
          again: true,
        };
      const raw = c.record.received;
      const at = (text: string) => {
        const i = raw.indexOf(text, 0, 'latin1');
        return i < 0 ? undefined : receivedBy(c.record, i + Buffer.byteLength(text));
      };
      const [head, written, after] = [at('\r\n\r\n'), at('written-data\n'), at('after-sleep\n')];
      if (head === undefined || written === undefined || after === undefined) return null;
      const reads = c.record.reads.map((r) => `${r.ms} ms: ${r.total} bytes`).join(', ');
      const out: Breach[] = [];
      const judge = (rule: string, t: number, what: string) => {
        const gap = after - t;
        if (gap <= NOT_SHOWN_MS)
          out.push(
            breach(
              rule,
              `${what} reached the client only ${Math.round(gap)} ms before the item returned after the ` +
                `${TIMING_SLEEP_MS} ms sleep: it waited for the application (reads: ${reads})`,
              `${what} sent during the sleep`,
            ),
          );
        return gap >= SHOWN_MS || gap <= NOT_SHOWN_MS;
      };
      const clear = [
        judge('write-sends-headers', head, 'the header section'),
        judge('write-sent-or-queued', written, 'the write() data'),
      ];
      // A gap between the margins is the moment's doing (a loaded machine): run the case again.
      if (!clear.every(Boolean))
        return {
          skip: `a measured gap is between ${NOT_SHOWN_MS} and ${SHOWN_MS} ms: too close to call (reads: ${reads})`,
          again: true,
        };
      return out;
    }),
  },
]);

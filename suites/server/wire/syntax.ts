/**
 * The response as HTTP/1.1 bytes (RFC 9112 §4-§7) and what the server must add (PEP 3333
 * start_response, "Handling the Content-Length Header"; RFC 9110 §6.6.1 Date).
 */
import { values } from '../../../harness/wire/parse.js';
import type { Breach } from '../../../spec/schemas/issue.js';
import { defineServerCases, breach } from '../case.js';
import { converseRun } from './conversation.js';
import { completeFinals, get, plan, problemBreaches, tooLateToSeeClose, withConversations } from './checks.js';

const SYNTAX_RULES = [
  'rfc9112-status-line',
  'rfc9112-field-syntax',
  'rfc9112-no-obs-fold',
  'rfc9110-single-content-length',
  'rfc9112-content-length-body',
  'rfc9112-no-cl-with-te',
  'rfc9112-chunked-framing',
  'http11-chunked-compliant',
];
const STREAM = { items: ['first ', 'second ', 'third'] };

export const syntaxWireCases = defineServerCases([
  {
    id: 'wire-response-syntax',
    rules: SYNTAX_RULES,
    description:
      'Three typical responses (Content-Length from the application; a streamed body without it; a 404 from the ' +
      'application) are valid HTTP/1.1: status line, field lines, one Content-Length, as many body bytes as it ' +
      'says, never with Transfer-Encoding, and correct chunking when chunked.',
    request: { scenario: 'respond' },
    run: converseRun([
      plan('GET, the application sets Content-Length', [
        get({ items: ['hello'], length: true, headers: [['X-Probe-A', 'one']] }),
      ]),
      plan('GET, a streamed body without Content-Length', [get(STREAM)]),
      plan('GET, the application answers 404', [get({ status: '404 Not Found', items: ['missing'], length: true })]),
    ]),
    check: withConversations((convs) => {
      if (!convs.some((c) => c.parsed.responses.length)) return null;
      const out = problemBreaches(convs, SYNTAX_RULES, { chunked: ['http11-chunked-compliant'] });
      for (const c of convs) {
        const r = c.parsed.responses.find((x) => !x.interim);
        if (r?.framing !== 'chunked' || r.complete || c.parsed.problems.length) continue;
        const what =
          `${c.label}: the chunked body has no last chunk ` +
          `(${c.record.end === 'closed' ? 'the server closed the connection' : 'nothing more came'} after ` +
          `${r.body.length} bytes)`;
        for (const rule of ['rfc9112-chunked-framing', 'http11-chunked-compliant'])
          if (!out.some((f) => f.rule === rule)) out.push(breach(rule, what, 'a chunked body ending in 0\\r\\n\\r\\n'));
      }
      return out;
    }),
  },
  {
    id: 'wire-no-chunked-http10',
    rules: ['rfc9112-no-chunked-http10', 'http11-chunked-compliant'],
    description:
      'A streamed body without Content-Length, requested over HTTP/1.0, is not chunked: Content-Length or the ' +
      'close ends it.',
    request: { scenario: 'respond' },
    run: converseRun([
      plan('HTTP/1.0 GET, a streamed body without Content-Length', [get(STREAM, { protocol: 'HTTP/1.0' })], {
        timeoutMs: 3000,
      }),
    ]),
    check: withConversations((convs) => {
      const r = convs[0]?.parsed.responses.find((x) => !x.interim);
      if (!r) return null;
      const te = values(r.headers, 'Transfer-Encoding');
      if (!te.length) return [];
      const what = `the response to an HTTP/1.0 request has Transfer-Encoding: ${te.join(', ')}`;
      return [
        breach('rfc9112-no-chunked-http10', what, 'no Transfer-Encoding for HTTP/1.0 clients'),
        breach('http11-chunked-compliant', what, 'chunked only when both sides speak HTTP/1.1'),
      ];
    }),
  },
  {
    id: 'wire-server-adds-required',
    rules: ['headers-server-adds-required', 'rfc9110-date-header'],
    description:
      'For a streamed body without Content-Length or Date, the server adds Date and framing the client can find ' +
      'the end by: Content-Length, chunked, or closing the connection after the body.',
    request: { scenario: 'respond' },
    run: converseRun([
      plan('GET, no Content-Length and no Date from the application', [get(STREAM)], { timeoutMs: 2500 }),
    ]),
    check: withConversations((convs) => {
      const c = convs[0];
      const r = c?.parsed.responses.find((x) => !x.interim);
      if (!c || !r) return null;
      const out: Breach[] = [];
      if (r.status >= 200 && r.status < 500 && !values(r.headers, 'Date').length) {
        const what = `the ${r.status} response has no Date field (the application sent none)`;
        out.push(
          breach('headers-server-adds-required', what, 'the server adds the Date HTTP requires'),
          breach('rfc9110-date-header', what, 'Date in every 2xx-4xx response'),
        );
      }
      // Body bytes just before the client stopped waiting: a close may not have arrived yet. Held
      // only when nothing else is certain, so a missing Date is never hidden behind the retry.
      const late = r.framing === 'close' && !r.complete ? tooLateToSeeClose(c) : undefined;
      if (late && !out.length) return { skip: late, again: true };
      if (!late && r.framing === 'close' && !r.complete && c.record.end === 'timeout') {
        out.push(
          breach(
            'headers-server-adds-required',
            `no Content-Length, no Transfer-Encoding, and the connection stayed open ${c.record.endMs} ms after ` +
              `${r.body.length} body bytes: the client cannot tell where the body ends`,
            'Content-Length, chunked, or closing the connection after the body',
          ),
        );
      }
      return out.length || completeFinals(c).length || r.framing === 'close' ? out : null;
    }),
  },
]);

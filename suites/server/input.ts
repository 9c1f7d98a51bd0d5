/** PEP 3333, Input and Error Streams: wsgi.input and wsgi.errors as the server provides them. */
import { chunked } from '../../harness/server/exchange.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { describe, pyRepr } from '../../spec/schemas/values.js';
import { defineServerCases, breach, observation, type Observed, type ServerCase } from './case.js';

const BODY = 'line1\nline2\nline3\n'; // 18 bytes
const EOF_RULE = 'input-eof-at-content-length';
const UNTIL_EOF = { noAnswerIsBreach: EOF_RULE };

interface InputCase {
  readonly id: string;
  readonly rules: string[];
  readonly description: string;
  /** The wsgi.input operations the probe performs, in its op language. */
  readonly ops: string;
  /** What each operation must return (alternatives as an array). */
  readonly expect: Array<string | string[]>;
  readonly extra?: Partial<ServerCase>;
}

const input = ({ id, rules, description, ops, expect, extra = {} }: InputCase): ServerCase => ({
  id,
  rules,
  description,
  request: { scenario: 'input', method: 'POST', body: BODY, ops, headers: [['Content-Type', 'text/plain']] },
  ...extra,
  check: (o) => checkOps(o, rules, ops, expect),
});

/** Each operation must return bytes equal to `expect[i]` (a list for readlines/iteration). */
function checkOps(
  o: Observed,
  rules: string[],
  ops: string,
  expect: Array<string | string[]>,
  body = BODY,
): Breach[] | null {
  const obs = observation(o, 'input');
  if (!obs) return null;
  const [main, bytesRule] = [rules[0] ?? '', 'input-returns-bytes'];
  // Several ops run in one request, so a wrong value is reported under the case's first rule.
  const out: Breach[] = [];
  obs.results.forEach((r, i) => {
    const call = `wsgi.input.${r.op === 'iter' ? '__iter__' : r.op}(${r.args.join(', ')})`;
    const want = expect[i];
    // A stream without the method at all is not file-like: input-present-filelike, where the case checks it.
    const rule =
      r.error?.type === 'AttributeError' && rules.includes('input-present-filelike') ? 'input-present-filelike' : main;
    if (r.error)
      return out.push(
        breach(rule, `${call} raised ${r.error.type}: ${r.error.message}`, `returns ${JSON.stringify(want)}`),
      );
    const got = r.value;
    if (!got) return;
    const values = Array.isArray(want) ? (got.items ?? []) : [got];
    const wrongType = values.find((v) => v.t !== 'bytes');
    if (wrongType && rules.includes(bytesRule))
      out.push(breach(bytesRule, `${call} returned ${describe(wrongType)}`, 'bytes'));
    const text = Array.isArray(want) ? JSON.stringify(values.map((v) => v.v)) : JSON.stringify(got.v);
    if (text !== JSON.stringify(want))
      out.push(
        breach(
          main,
          `${call} returned ${pyRepr(got, 80)} (after ${ops.split(',').slice(0, i).join(', ') || 'nothing'})`,
          `${JSON.stringify(want)} for the body ${JSON.stringify(body)}`,
        ),
      );
  });
  return out;
}

export const inputCases = defineServerCases([
  input({
    id: 'input-read-size',
    rules: ['input-methods', 'input-returns-bytes', 'input-present-filelike'],
    description: 'wsgi.input.read(size) returns that many bytes of the body.',
    ops: 'read:3,read:3',
    expect: ['lin', 'e1\n'],
  }),
  input({
    id: 'input-readline',
    rules: ['input-semantics', 'input-returns-bytes'],
    description: 'wsgi.input.readline() returns one line, with its newline.',
    ops: 'readline,readline',
    expect: ['line1\n', 'line2\n'],
  }),
  input({
    id: 'input-readline-size',
    rules: ['input-readline-size'],
    description: 'wsgi.input.readline(size) returns at most size bytes of the line.',
    ops: 'readline:3,readline',
    expect: ['lin', 'e1\n'],
  }),
  // readlines() and iteration read to EOF: a server that does not simulate EOF at
  // CONTENT_LENGTH blocks there, which is reported under input-eof-at-content-length.
  input({
    id: 'input-readlines',
    rules: ['input-readlines-hint', 'input-returns-bytes', EOF_RULE],
    description: 'wsgi.input.readlines() returns every remaining line; a hint may be given.',
    ops: 'readline,readlines',
    expect: ['line1\n', ['line2\n', 'line3\n']],
    extra: UNTIL_EOF,
  }),
  input({
    id: 'input-readlines-with-hint',
    rules: ['input-readlines-hint', EOF_RULE],
    description: 'wsgi.input.readlines(hint) accepts a hint (and may ignore it).',
    ops: 'readlines:100',
    expect: [['line1\n', 'line2\n', 'line3\n']],
    extra: UNTIL_EOF,
  }),
  input({
    id: 'input-iteration',
    rules: ['input-iter-lines', 'input-returns-bytes', EOF_RULE],
    description: 'Iterating wsgi.input yields its lines as bytes.',
    ops: 'iter',
    expect: [['line1\n', 'line2\n', 'line3\n']],
    extra: UNTIL_EOF,
  }),
  input({
    id: 'input-read-no-size',
    rules: ['input-read-no-arg'],
    description:
      'wsgi.input.read() with no size returns the rest of the body, without waiting for more on a keep-alive ' +
      'connection.',
    ops: 'read:6,read',
    expect: ['line1\n', 'line2\nline3\n'],
    extra: { noAnswerIsBreach: 'input-read-no-arg' },
  }),
  input({
    id: 'input-eof-at-content-length',
    rules: ['input-eof-at-content-length'],
    description: "Reading past CONTENT_LENGTH returns what is left, then b'', instead of blocking.",
    ops: 'read:100,read:10',
    expect: [BODY, ''],
    extra: { noAnswerIsBreach: 'input-eof-at-content-length' },
  }),
  {
    ...input({
      id: 'input-empty-body',
      rules: ['input-empty-on-exhausted'],
      description: "With no request body, read(n) and readline() return b'' at once.",
      ops: 'read:10,readline',
      expect: ['', ''],
      extra: { noAnswerIsBreach: 'input-empty-on-exhausted' },
    }),
    request: { scenario: 'input', method: 'GET', ops: 'read:10,readline' },
    check: (o) => checkOps(o, ['input-empty-on-exhausted'], 'read:10,readline', ['', ''], '(none)'),
  },
  {
    ...input({
      id: 'input-chunked-request',
      rules: ['http11-inbound-hop-by-hop'],
      description:
        'A chunked request body reaches wsgi.input decoded (a server that does not support chunked bodies refuses ' +
        'the request instead of calling the application).',
      ops: 'read:11',
      expect: ['hello world'],
      extra: { noAnswerIsBreach: 'http11-inbound-hop-by-hop', abortExpected: true },
    }),
    request: { scenario: 'input', method: 'POST', ops: 'read:11' },
    raw: { protocol: 'HTTP/1.1', framed: chunked(['hello ', 'world']) },
    check: (o) => {
      if (!o.facts.some((f) => f.ev === 'call')) {
        // Refusing the request with an error status, before the application, is allowed;
        // dropping it without any status (or answering 2xx without calling it) is not.
        if (o.ex.status !== undefined && o.ex.status >= 400) return [];
        const got =
          o.ex.status === undefined
            ? `no response (${o.ex.error ?? 'the connection closed'})`
            : `status ${o.ex.status}`;
        return [
          breach(
            'http11-inbound-hop-by-hop',
            `the application was never called and the request was not refused: ${got}`,
            "the decoded body b'hello world' in wsgi.input, or a 4xx/5xx refusal",
          ),
        ];
      }
      if (o.ex.error && !o.facts.some((f) => f.ev === 'input'))
        return [
          breach(
            'http11-inbound-hop-by-hop',
            `the application's wsgi.input.read(11) got no data (${o.ex.error})`,
            "b'hello world', the decoded body",
          ),
        ];
      return checkOps(o, ['http11-inbound-hop-by-hop'], 'read:11', ['hello world'], 'hello world (chunked)');
    },
  },
  {
    id: 'errors-stream',
    rules: ['errors-methods', 'errors-accept-unicode', 'errors-present'],
    description: 'wsgi.errors accepts write(str), writelines() and flush(), including text outside latin-1.',
    request: { scenario: 'errors' },
    check: (o) => {
      const obs = observation(o, 'errors');
      if (!obs) return null;
      // Without even write() there is no error stream at all: errors-present, not a missing method.
      const absent = obs.results.find((r) => r.op === 'write')?.error?.type === 'AttributeError';
      if (absent)
        return [
          breach(
            'errors-present',
            `wsgi.errors has no write(): ${obs.results[0]?.error?.message}`,
            'a file-like error stream',
          ),
        ];
      return obs.results
        .filter((r) => r.error)
        .map((r) =>
          breach(
            r.op === 'write-unicode' ? 'errors-accept-unicode' : 'errors-methods',
            `wsgi.errors ${r.op} raised ${r.error?.type}: ${r.error?.message}`,
            r.op === 'write-unicode'
              ? "write('€ 😀') accepted (characters may be replaced)"
              : 'write, writelines and flush work',
          ),
        );
    },
  },
]);

/**
 * One generated exchange, sent and judged against the reference model: a request the probe
 * echoes (environ and wsgi.input, judged by spec/model/environ.ts and input.ts) or a
 * response the probe plays (judged on the wire by spec/model/response.ts). Framing problems
 * the strict parser finds are judged under their RFC 9112 rules.
 */
import { exchange, type ExchangeResult, type TlsClient } from '../../harness/fuzz/transport.js';
import { bodyData, opsFor, requestText, type GenRequest } from '../../harness/fuzz/request-gen.js';
import { respondText, type GenRespondExchange } from '../../harness/fuzz/response-gen.js';
import { parseObservation, ProbeProtocolError } from '../../harness/probe-protocol.js';
import type { WireResponse } from '../../harness/wire/parse.js';
import { checkEnviron, environModel, type ObservedEnviron, type Violation } from '../../spec/model/environ.js';
import { checkInput, reachesEnd, type InputOp, type ObservedOp } from '../../spec/model/input.js';
import { parseRequests, toByteString } from '../../spec/model/request.js';
import { checkResponse } from '../../spec/model/response.js';
import { PROBLEM_RULES } from '../server/wire/checks.js';

export type FuzzExample =
  | { kind: 'request'; requests: GenRequest[] }
  | { kind: 'response'; exchange: GenRespondExchange };

export interface Verdict {
  violations: Violation[];
  /** Rules this exchange could have broken (so a pass means something). */
  exercised: string[];
  /** Why (part of) the exchange could not be judged: a refusal, no answer. */
  unjudged: string[];
  /** Time ran out before every answer was in (the server was slow, or stuck). */
  stalled?: boolean;
  sent: string;
  received: string;
}

export interface Target {
  host: string;
  port: number;
  timeoutMs: number;
  /** Speak TLS (verified against this CA): the model then expects wsgi.url_scheme "https". */
  tls?: TlsClient;
  /**
   * Asked before an exchange that timed out with no answer is sent again (with twice the
   * time); true spends one of the run's retries. Without it, no retry.
   */
  retry?: () => boolean;
}

/** The exact bytes of each request of the example, as sent to `host:port` (byte strings). */
export function exampleRequests(ex: FuzzExample, hostHeader: string, id: string): string[] {
  if (ex.kind === 'response') return [respondText(ex.exchange, hostHeader, id)];
  const keepAlive = ex.requests.length > 1;
  return ex.requests.map((r, i) => requestText(r, hostHeader, `${id}-${i}`, i === ex.requests.length - 1, keepAlive));
}

/**
 * Judges `ex`; a violation a chunk extension or a trailer field caused is reported under the
 * rule those bytes break. When a request with a chunked body carrying either breaks a rule,
 * the same request is sent again without them: a violation that goes away with the
 * extensions is `rfc9112-chunk-extensions` (RFC 9112 §7.1.1: a recipient MUST ignore them),
 * one that goes away with the trailer is `rfc9112-chunked-trailer` (§7.1.2), not the rule
 * whose check happened to trip over them (a `readline()` that raised).
 */
export async function judgeExample(ex: FuzzExample, t: Target, id: string): Promise<Verdict> {
  const verdict = await judgeOnce(ex, t, id);
  if (ex.kind !== 'request' || !verdict.violations.length) return verdict;
  const chunked = ex.requests.map((r) => (r.body.kind === 'chunked' ? r.body : undefined));
  const strips: Array<
    [string, (b: Extract<GenRequest['body'], { kind: 'chunked' }>) => GenRequest['body'] | undefined]
  > = [
    [
      'rfc9112-chunk-extensions',
      (b) => (b.chunks.some((c) => c.ext) ? { ...b, chunks: b.chunks.map((c) => ({ ...c, ext: '' })) } : undefined),
    ],
    ['rfc9112-chunked-trailer', (b) => (b.trailers.length ? { ...b, trailers: [] } : undefined)],
  ];
  for (const [rule, strip] of strips) {
    const bodies = chunked.map((b) => (b ? strip(b) : undefined));
    if (!bodies.some(Boolean)) continue;
    verdict.exercised.push(rule);
    const plain: FuzzExample = {
      kind: 'request',
      requests: ex.requests.map((r, i) => ({ ...r, body: bodies[i] ?? r.body })),
    };
    const again = await judgeOnce(plain, t, `${id}-${rule === 'rfc9112-chunk-extensions' ? 'x' : 't'}`);
    if (again.stalled) verdict.stalled = true;
    if (again.unjudged.length) continue;
    const caused = verdict.violations.filter(
      (v) => !v.rule.startsWith('rfc9112-chunk') && !again.violations.some((a) => a.rule === v.rule),
    );
    if (!caused.length) continue;
    const first = caused[0] as Violation;
    verdict.violations = [
      ...verdict.violations.filter((v) => !caused.includes(v)),
      {
        rule,
        key: first.key,
        expected:
          `${first.expected} (the same request without ` +
          `${rule === 'rfc9112-chunk-extensions' ? 'its chunk extensions' : 'its trailer section'} gets it)`,
        actual: `${first.rule}: ${first.actual}`,
      },
    ];
  }
  return verdict;
}

async function judgeOnce(ex: FuzzExample, t: Target, id: string): Promise<Verdict> {
  const texts = exampleRequests(ex, `${t.host}:${t.port}`, id);
  const metas =
    ex.kind === 'response'
      ? [{ method: ex.exchange.method, protocol: ex.exchange.protocol }]
      : ex.requests.map((r) => ({ method: r.method, protocol: r.protocol }));
  const verdict: Verdict = {
    violations: [],
    exercised: [...new Set(Object.values(PROBLEM_RULES))],
    unjudged: [],
    sent: texts.join(''),
    received: '',
  };
  // A server may close a kept-alive connection after any answer (RFC 9112 §9.6): the
  // requests it did not answer go on a fresh connection, as a client would send them.
  const finals: Array<WireResponse | undefined> = [];
  let result: ExchangeResult | undefined;
  while (finals.length < texts.length) {
    const from = finals.length;
    const send = (timeoutMs: number) =>
      exchange(
        t.host,
        t.port,
        texts.slice(from).map((s) => Buffer.from(s, 'latin1')),
        metas.slice(from),
        timeoutMs,
        t.tls,
      );
    result = await send(t.timeoutMs);
    // A server that is slow (loaded, single-threaded) is not a server that does not answer:
    // an exchange that timed out with no answer is sent once more with twice the time, so
    // what is judged does not depend on the machine's load. A budget per run bounds the cost
    // on a server that never answers some requests (a read of a chunked body it cannot frame).
    if (result.end === 'timeout' && !result.parsed.responses.some((r) => !r.interim && r.complete) && t.retry?.())
      result = await send(t.timeoutMs * 2);
    verdict.received += toByteString(result.received);
    for (const p of result.parsed.problems) {
      const rule = PROBLEM_RULES[p.code];
      if (rule && !verdict.violations.some((v) => v.rule === rule))
        verdict.violations.push({ rule, expected: 'a well-framed response (RFC 9112)', actual: p.message });
    }
    const got = result.parsed.responses.filter((r) => !r.interim && r.complete);
    finals.push(...got);
    if (!got.length || !result.closed) break;
  }
  const last = result as ExchangeResult;
  if (finals.length < texts.length && last.end === 'timeout') verdict.stalled = true;
  if (ex.kind === 'response') judgeResponse(ex.exchange, finals[0], last, verdict);
  else
    ex.requests.forEach((r, i) =>
      judgeEcho(r, texts[i] as string, finals[i], last, verdict, i, ex.requests.length > 1, t.tls ? 'https' : 'http'),
    );
  return verdict;
}

function noAnswer(result: ExchangeResult, i: number): string {
  return (
    `request ${i + 1}: no complete answer (${result.end}${result.error ? `: ${result.error}` : ''}, ` +
    `${result.received.length} bytes received)`
  );
}

function judgeEcho(
  r: GenRequest,
  text: string,
  res: WireResponse | undefined,
  result: ExchangeResult,
  v: Verdict,
  i: number,
  keepAlive: boolean,
  scheme: 'http' | 'https',
): void {
  if (!res) return void v.unjudged.push(noAnswer(result, i));
  if (res.status !== 200) return void v.unjudged.push(`request ${i + 1}: refused with ${res.statusLine}`);
  const parsed = parseRequests(text);
  const model = parsed.ok ? parsed.requests[0] : undefined;
  if (!model)
    return void v.unjudged.push(
      `request ${i + 1}: the model cannot read its own request (${parsed.ok ? 'empty' : parsed.reason})`,
    );
  let obs: ObservedEnviron & { ops?: ObservedOp[] };
  try {
    obs = parseObservation('fuzz-echo', JSON.parse(res.body.toString('latin1')));
  } catch (e) {
    // A body that is JSON but not the fuzz-echo observation is a bug in the probe or the suite.
    if (e instanceof ProbeProtocolError) {
      return void v.unjudged.push(`request ${i + 1}: ${e.message} (a bug in wsgi-conformance)`);
    }
    return void v.unjudged.push(
      `request ${i + 1}: the answer is not the probe's JSON: ` +
        `${JSON.stringify(res.body.subarray(0, 80).toString('latin1'))}`,
    );
  }
  const environ = environModel(model, scheme);
  const ops = opsFor(r, keepAlive);
  const tag = (x: Violation): Violation => ({ ...x, actual: keepAlive ? `request ${i + 1}: ${x.actual}` : x.actual });
  v.violations.push(...checkEnviron(environ, obs).map(tag), ...inputViolations(r, text, ops, obs.ops ?? []).map(tag));
  if (r.body.kind === 'chunked') v.exercised.push('http11-inbound-hop-by-hop');
  const rules = new Set([
    'env-cgi-str',
    'unicode-server-latin1-only',
    'env-wsgi-keys-present',
    'env-wsgi-version',
    'env-url-scheme',
    ...environ.forbid.map((f) => f.rule),
  ]);
  for (const e of environ.expect) [e.rule, e.valueRule].forEach((x) => x && rules.add(x));
  if (environ.impostors.length) rules.add('env-cgi-not-from-headers');
  if (ops.length) rules.add('input-returns-bytes').add('input-semantics');
  let rest = bodyData(r.body);
  for (const o of ops) {
    if (o.op === 'readline' && o.size !== undefined) rules.add('input-readline-size');
    if (o.op === 'read' && o.size === undefined) rules.add('input-read-no-arg');
    if (o.op === 'iter') rules.add('input-iter-lines');
    if (reachesEnd(o, rest)) rules.add('input-eof-at-content-length');
    rest =
      o.op === 'readlines' || o.op === 'iter'
        ? ''
        : rest.slice('size' in o && o.size !== undefined ? Math.min(o.size, rest.length) : rest.length);
  }
  v.exercised.push(...rules);
}

/**
 * wsgi.input against the model. A chunked body the server handed over still chunked, or not
 * at all, is one fault of the server's HTTP/1.1 handling (it must decode what it accepts),
 * not of the stream's methods, which behave for the bytes they were given.
 */
function inputViolations(r: GenRequest, text: string, ops: InputOp[], seen: ObservedOp[]): Violation[] {
  const found = checkInput(bodyData(r.body), ops, seen);
  if (!found.length || r.body.kind !== 'chunked') return found;
  const raw = text.slice(text.indexOf('\r\n\r\n') + 4);
  const as = !checkInput(raw, ops, seen).length
    ? 'still chunked'
    : !checkInput('', ops, seen).length
      ? 'empty'
      : undefined;
  return as
    ? [
        {
          rule: 'http11-inbound-hop-by-hop',
          expected: `wsgi.input to hold the decoded chunked body ${JSON.stringify(bodyData(r.body))}`,
          actual: `wsgi.input was ${as}`,
        },
      ]
    : found;
}

function judgeResponse(x: GenRespondExchange, res: WireResponse | undefined, result: ExchangeResult, v: Verdict): void {
  if (!res) return void v.unjudged.push(noAnswer(result, 0));
  v.exercised.push('status-preserved', 'headers-preserved', 'body-binary-safe');
  if (/[\x80-\xff]/.test(x.app.status + x.app.headers.map(([, h]) => h).join('')))
    v.exercised.push('unicode-latin1-translatable');
  v.violations.push(
    ...checkResponse(x.app, x.method, {
      status: res.status,
      reason: res.reason,
      headers: res.headers,
      body: res.body.toString('latin1'),
    }),
  );
}

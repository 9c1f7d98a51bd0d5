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
import { checkInput, expectedInput, reachesEnd, type InputOp, type ObservedOp } from '../../spec/model/input.js';
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
  /**
   * Rules whose judgement rested on a wsgi.input call the probe gave up on after the quick
   * wait (`Target.quickBlockMs`): the blocked call's own (see blockedRules).
   */
  blockedRules?: string[];
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
  /**
   * Wait this long (ms) on a wsgi.input call before the probe reports it blocked, then confirm
   * with the probe's full wait (`BLOCK_MS`) every exchange whose verdict on a rule not
   * `settled` rests on such a call (see blockedRules). A server whose input blocks at the end
   * of the body then costs the quick wait per exchange, and a call that was merely slow (a
   * loaded machine) raises no violation. Without it, every call gets the full wait.
   */
  quickBlockMs?: number;
  /** Rules whose verdict no longer depends on this exchange (without it: none). */
  settled?: (rule: string) => boolean;
  /**
   * Rules a violation of which the caller still looks for (without it: all). A comparison
   * without a chunked body's extensions or trailer is sent only when its outcome could move
   * a violation into or out of such a rule.
   */
  counts?: (rule: string) => boolean;
}

/**
 * How long the probe waits on one wsgi.input call before it reports it blocked (its default):
 * a conforming read of a body already sent returns in microseconds, so this is only a margin
 * for a loaded machine.
 */
export const BLOCK_MS = 1000;

/** The exact bytes of each request of the example, as sent to `host:port` (byte strings). */
export function exampleRequests(ex: FuzzExample, hostHeader: string, id: string, blockMs?: number): string[] {
  if (ex.kind === 'response') return [respondText(ex.exchange, hostHeader, id)];
  const keepAlive = ex.requests.length > 1;
  return ex.requests.map((r, i) =>
    requestText(r, hostHeader, `${id}-${i}`, i === ex.requests.length - 1, keepAlive, blockMs),
  );
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
  return attribute(ex, t, id, await judgeSure(ex, t, id), false);
}

async function attribute(ex: FuzzExample, t: Target, id: string, verdict: Verdict, full: boolean): Promise<Verdict> {
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
    if (t.counts && !t.counts(rule) && !verdict.violations.some((v) => t.counts?.(v.rule))) continue;
    const plain: FuzzExample = {
      kind: 'request',
      requests: ex.requests.map((r, i) => ({ ...r, body: bodies[i] ?? r.body })),
    };
    const plainId = `${id}-${rule === 'rfc9112-chunk-extensions' ? 'x' : 't'}`;
    const again = full ? await judgeOnce(plain, t, plainId, BLOCK_MS) : await judgeSure(plain, t, plainId);
    if (again.stalled) verdict.stalled = true;
    if (again.unjudged.length) continue;
    const caused = verdict.violations.filter(
      (v) => !v.rule.startsWith('rfc9112-chunk') && !again.violations.some((a) => a.rule === v.rule),
    );
    if (!caused.length) continue;
    // A difference that a call given up on after the quick wait (on either side) may have made
    // decides nothing yet: both are judged again with the full wait.
    const doubt = [rule, ...caused.map((v) => v.rule)].some((r) => !t.settled?.(r));
    if (!full && doubt && (verdict.blockedRules?.length || again.blockedRules?.length))
      return attribute(ex, t, id, await judgeOnce(ex, t, `${id}-c`, BLOCK_MS), true);
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

/**
 * Judges `ex` with the quick wait on wsgi.input (if the target has one), and again with the
 * full wait when a call the probe gave up on decided a rule not settled yet: a verdict never
 * rests on a call that was only slow.
 */
async function judgeSure(ex: FuzzExample, t: Target, id: string): Promise<Verdict> {
  if (t.quickBlockMs === undefined) return judgeOnce(ex, t, id);
  const quick = await judgeOnce(ex, t, id, t.quickBlockMs);
  if (!quick.blockedRules?.some((r) => !t.settled?.(r))) return quick;
  return judgeOnce(ex, t, `${id}-c`, BLOCK_MS);
}

async function judgeOnce(ex: FuzzExample, t: Target, id: string, blockMs?: number): Promise<Verdict> {
  const texts = exampleRequests(ex, `${t.host}:${t.port}`, id, blockMs);
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
        leftBlocked,
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
    // An answer whose application left a read blocked ends the connection (the read would take
    // the next request's bytes, and a single-threaded server waits for it): the rest go on a
    // fresh one, as after a close.
    if (!got.length || !(result.closed || result.left)) break;
  }
  const last = result as ExchangeResult;
  if (finals.length < texts.length && last.end === 'timeout') verdict.stalled = true;
  if (ex.kind === 'response') judgeResponse(ex.exchange, finals[0], last, verdict);
  else
    ex.requests.forEach((r, i) =>
      judgeEcho(r, texts[i] as string, finals[i], last, verdict, i, ex.requests.length > 1, t.tls ? 'https' : 'http'),
    );
  // Only a call given up on after the quick wait is in doubt; the full wait's verdict stands.
  if (blockMs === undefined || blockMs >= BLOCK_MS) delete verdict.blockedRules;
  return verdict;
}

/** The probe's answer says a wsgi.input call of this request blocked. */
function leftBlocked(answer: WireResponse): boolean {
  if (answer.status !== 200) return false;
  try {
    const ops = (JSON.parse(answer.body.toString('latin1')) as { ops?: unknown }).ops;
    return Array.isArray(ops) && ops.some((o) => (o as { blocked?: unknown } | null)?.blocked === true);
  } catch {
    return false;
  }
}

/**
 * The rule a call the probe gave up on decides, if it was only slow: the end of the body not
 * simulated, or a call inside the body that did not return. The calls after it are not
 * judged in this exchange: once a full wait has shown the server blocks in such a call (its
 * rule is found), the calls after one that reached the end would block too. What the
 * comparisons without a chunked body's extensions or trailer make of it is checked there.
 */
function blockedRules(r: GenRequest, ops: readonly InputOp[], seen: readonly ObservedOp[]): string[] {
  const at = seen.findIndex((o) => o.blocked);
  if (at < 0) return [];
  const body = bodyData(r.body);
  const before = expectedInput(body, ops.slice(0, at)).reduce<number>(
    (n, v) => n + (typeof v === 'string' ? v.length : body.length),
    0,
  );
  const op = ops[at];
  return [op && !reachesEnd(op, body.slice(before)) ? 'input-semantics' : 'input-eof-at-content-length'];
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
  const doubt = blockedRules(r, ops, obs.ops ?? []);
  if (doubt.length) v.blockedRules = [...new Set([...(v.blockedRules ?? []), ...doubt])];
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

/**
 * RFC 9110 §15.6.2: 501 is the server's answer to a method it does not implement. Unless the
 * application itself said 501, the application was never reached (hg serve answers HEAD so). A refusal of
 * HEAD is judged once, by the server suite's own case (head-reaches-app, rfc9110-head-supported), not here.
 */
export const methodRefused = (appStatus: string, got: number) => got === 501 && !appStatus.startsWith('501');

function judgeResponse(x: GenRespondExchange, res: WireResponse | undefined, result: ExchangeResult, v: Verdict): void {
  if (!res) return void v.unjudged.push(noAnswer(result, 0));
  if (methodRefused(x.app.status, res.status)) return void v.unjudged.push(`request 1: refused with ${res.statusLine}`);
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

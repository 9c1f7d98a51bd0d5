/** Helpers the wire cases share: building requests, reading conversations, naming problems. */
import { eventFacts } from '../../../harness/probe-protocol.js';
import { parseObservation, type ObservationOf } from '../../../harness/probe-protocol.js';
import type { Fact } from '../../../harness/server/facts.js';
import { values, type ProblemCode, type WireResponse } from '../../../harness/wire/parse.js';
import { rules } from '../../../spec/catalog/index.js';
import type { Breach } from '../../../spec/schemas/issue.js';
import type { Observed } from '../case.js';
import {
  conversations,
  type Check,
  type Conversation,
  type ConversationPlan,
  type PlannedRequest,
  type RespondSpec,
} from './conversation.js';

/**
 * The rule each parser problem breaks, read from the rule records' `wireProblems` (stray bytes
 * are named by none: the case that expects them judges them).
 */
export const PROBLEM_RULES: Partial<Record<ProblemCode, string>> = Object.fromEntries(
  rules.flatMap((r) => (r.wireProblems ?? []).map((code) => [code, r.id])),
);

export const get = (spec: RespondSpec, extra: PlannedRequest = {}): PlannedRequest => ({ spec, ...extra });
/** A short, well-framed request sent behind another one on the same connection. */
export const FOLLOW_UP: PlannedRequest = { spec: { items: ['follow-up'], length: true } };
export const plan = (
  label: string,
  requests: PlannedRequest[],
  extra: Partial<ConversationPlan> = {},
): ConversationPlan => ({ label, requests, ...extra });

/** The case's conversations, or a null verdict when there are none (address lookup failed). */
export function withConversations(check: (convs: Conversation[], o: Observed) => ReturnType<Check>): Check {
  return (o) => {
    const convs = conversations(o);
    return convs ? check(convs, o) : null;
  };
}

/** Breaches for the parser problems whose rule the case judges: the first one per rule, in order. */
export function problemBreaches(
  convs: Conversation[],
  rules: readonly string[],
  extra: Partial<Record<ProblemCode, string[]>> = {},
): Breach[] {
  const out: Breach[] = [];
  for (const c of convs) {
    for (const p of c.parsed.problems) {
      const targets = [PROBLEM_RULES[p.code], ...(extra[p.code] ?? [])].filter(
        (r): r is string => Boolean(r) && rules.includes(r as string),
      );
      // expected: the rule's summary
      for (const rule of targets)
        if (!out.some((f) => f.rule === rule)) out.push({ rule, message: `${c.label}: ${p.message}` });
    }
  }
  return out;
}

/** A reason not to judge when the stream is broken in ways other rules report. */
export function garbled(convs: Conversation[], own: readonly ProblemCode[] = []): string | undefined {
  const p = convs
    .flatMap((c) => c.parsed.problems.map((x) => ({ c, x })))
    .find(({ x }) => !own.includes(x.code) && x.code !== 'stray-bytes' && PROBLEM_RULES[x.code] !== undefined);
  return p
    ? `the response could not be read reliably (${p.c.label}: ${p.x.message}), which ${PROBLEM_RULES[p.x.code]} reports`
    : undefined;
}

/** Final responses of a conversation that arrived complete. */
export const completeFinals = (c: Conversation): WireResponse[] =>
  c.parsed.responses.filter((r) => !r.interim && r.complete);

/** Bytes after `r` that are not the start of another response: stray bytes or data nobody asked for. */
export function afterResponse(c: Conversation, index: number): string | undefined {
  const stray = c.parsed.problems.find((p) => p.code === 'stray-bytes' && p.response === index);
  if (stray) return stray.message;
  const last = c.parsed.responses.filter((r) => !r.interim).length - 1;
  return index === last && c.parsed.extra.length
    ? `${c.parsed.extra.length} bytes after it: ${JSON.stringify(c.parsed.extra.subarray(0, 60).toString('latin1'))}`
    : undefined;
}

export const header = (r: WireResponse | undefined, name: string): string[] => (r ? values(r.headers, name) : []);

/**
 * The `respond` scenario's echo (its observation), when the response carried it; an echo that
 * breaks the probe protocol throws ProbeProtocolError, which the judge reports as an error.
 */
export function echoed(r: WireResponse | undefined): ObservationOf<'respond'> | undefined {
  if (r?.status !== 200) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(r.body.toString('latin1'));
  } catch {
    return undefined;
  }
  return parseObservation('respond', json);
}

/** Whether the probe was called for conversation `n`, request `i` (its `respond` fact). */
export const called = (facts: Fact[], n: number, i = 0): boolean =>
  eventFacts(facts, 'respond').some((f) => f.seq === `${n}.${i}`);

/**
 * Why nothing that came back can be held against the server: nothing arrived and the
 * connection was not closed cleanly. Silence may be a queue on a busy single-threaded
 * server, and a reset can destroy a response that was sent (RFC 9112 §9.6).
 */
export function inconclusiveSilence(c: Conversation): string | undefined {
  if (c.record.received.length) return undefined;
  if (c.record.end === 'timeout')
    return `nothing came back within ${c.record.endMs} ms (a busy server may not have read the request yet)`;
  if (c.record.end === 'error' || /ECONNRESET|EPIPE/.test(c.record.error ?? ''))
    return `the connection was reset (${c.record.error}), which can destroy a response the server sent`;
  return undefined;
}

/** How long after the last bytes of an answer the client must have waited before "it stayed open" is held. */
export const CLOSE_WAIT_MS = 1000;

/**
 * Why "the connection stayed open" cannot be held against the server yet: the answer came so
 * close to the end of the client's wait (a busy machine answers late) that a close sent right
 * after it may simply not have arrived. The case runs again (Skip.again).
 */
export function tooLateToSeeClose(c: Conversation): string | undefined {
  if (c.record.closedByServer || c.record.end !== 'timeout') return undefined;
  const last = c.record.reads.at(-1)?.ms;
  if (last === undefined || c.record.endMs - last >= CLOSE_WAIT_MS) return undefined;
  return (
    `the answer's last bytes came ${Math.round(last)} ms in, only ${Math.round(c.record.endMs - last)} ms before ` +
    `the client stopped waiting at ${c.record.endMs} ms: too soon to tell whether the server closes`
  );
}

/**
 * How long the first request must stay unanswered after the control's answer for the silence
 * to be held against the server.
 */
export const HELD_MS = 1500;

/**
 * Silence that is no queue: while the request waited, the server answered the control on a
 * second connection (ConversationPlan.control) with the application's 200, and then still
 * said nothing to the first for HELD_MS, neither an answer nor a close. Returns what was seen.
 */
export function heldWhileServing(c: Conversation): string | undefined {
  const held = c.control;
  if (!held || c.record.received.length || c.record.end !== 'timeout') return undefined;
  const answer = completeFinals(held.conversation)[0];
  if (answer?.status !== 200 || answer.body.toString('latin1') !== 'follow-up') return undefined;
  const after = held.firstEndedMs - held.endedMs;
  if (after < HELD_MS) return undefined;
  return (
    `nothing came back and the connection stayed open for ${c.record.endMs} ms, although a well-formed GET on ` +
    `a second connection was answered meanwhile, ${after} ms before the client gave up: the server held the request`
  );
}

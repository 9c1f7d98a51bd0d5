/**
 * How a wire case talks to the server: through the ServerCase `run` escape hatch, it learns
 * where the suite reached the probe (scenario `address`), holds one or more raw-socket
 * conversations (harness/wire/driver.ts), parses what came back strictly
 * (harness/wire/parse.ts), and, when asked, reads the probe's side-channel facts over HTTP.
 * Every request of a case carries the same probe id, and X-Probe-Seq `<conversation>.<request>`.
 */
import type { Exchange } from '../../../harness/server/exchange.js';
import type { Fact } from '../../../harness/server/facts.js';
import type { TlsClient } from '../../../harness/server/tls.js';
import { requestBytes, showBytes, type WireRequest } from '../../../harness/wire/bytes.js';
import { converse, type WireRecord, type WireStep } from '../../../harness/wire/driver.js';
import {
  parseResponses,
  type ParsedStream,
  type WireRequestMeta,
  type WireResponse,
} from '../../../harness/wire/parse.js';
import type { Breach } from '../../../spec/schemas/issue.js';
import type { Observed, ServerCase } from '../case.js';
import { address, factsOf } from '../timing.js';

/** What the probe's `respond` scenario does (see _wsgiconf_probe_wire.py). */
export interface RespondSpec {
  status?: string;
  headers?: Array<[string, string]>;
  items?: string[];
  writes?: string[];
  sleepMs?: number;
  iterable?: 'list' | 'generator';
  length?: boolean;
  echo?: 'body' | 'environ';
  /** With echo 'body': read this many bytes (whatever CONTENT_LENGTH says) ... */
  readSize?: number;
  /** ... and as many again (a decoded chunked body must then be at its end). */
  readTwice?: boolean;
}

export interface PlannedRequest extends Partial<WireRequest> {
  spec?: RespondSpec;
  /** Leave out the Host field (it is added otherwise). */
  noHost?: boolean;
  /** Replaces the request line (malformed ones). */
  requestLine?: string;
  /** Written as they are after the fields (malformed ones). */
  rawLines?: string[];
}

export interface Conversation {
  label: string;
  requests: WireRequestMeta[];
  record: WireRecord;
  parsed: ParsedStream;
  /** The control held on a second connection while this one waited (ConversationPlan.control). */
  control?: ControlAlongside;
}

/** A well-formed request on a second connection while the first still waits, and when it ended. */
export interface ControlAlongside {
  conversation: Conversation;
  /** When the control's conversation ended, and when the first one did, in ms from the first one's start. */
  endedMs: number;
  firstEndedMs: number;
}

export interface ConversationPlan {
  label: string;
  requests: PlannedRequest[];
  /**
   * Turns the requests' bytes into writes; default: all in one write (pipelined). `alongside`
   * holds another conversation on a second connection (for a step's barrier).
   */
  steps?: (bytes: Buffer[], alongside: (plan: ConversationPlan) => Promise<Conversation>) => WireStep[];
  /** Final responses to wait for; default: one per request. */
  expect?: number;
  settleMs?: number;
  timeoutMs?: number;
  /**
   * When nothing has ended the conversation `afterMs` into it, hold this one on a second
   * connection meanwhile: a server that answers it while the first request stays unanswered
   * is not too busy to answer, it holds that request.
   */
  control?: { afterMs: number; plan: ConversationPlan };
}

export interface WireExchange extends Exchange {
  wire: Conversation[];
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_SETTLE_MS = 150;

/** JSON with everything beyond ASCII escaped, so a header carries it unchanged. */
const asciiJson = (v: unknown) =>
  JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function build(req: PlannedRequest, host: string, port: number, rid: string, seq: string): Buffer {
  const probe: Array<[string, string]> = [
    ['X-Probe-Scenario', 'respond'],
    ['X-Probe-Id', rid],
    ['X-Probe-Seq', seq],
    ...(req.spec ? [['X-Probe-Spec', asciiJson(req.spec)] as [string, string]] : []),
  ];
  const hostField: Array<[string, string]> = req.noHost
    ? []
    : [['Host', `${host.includes(':') ? `[${host}]` : host}:${port}`]];
  const bytes = requestBytes({ ...req, headers: [...hostField, ...probe, ...(req.headers ?? [])] });
  if (!req.requestLine && !req.rawLines) return bytes;
  // Splice the malformed parts into the well-formed request.
  const text = bytes.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  const lines = text.slice(0, headEnd).split('\r\n');
  if (req.requestLine) lines[0] = req.requestLine;
  return Buffer.from(`${[...lines, ...(req.rawLines ?? [])].join('\r\n')}\r\n\r\n${text.slice(headEnd + 4)}`, 'latin1');
}

/** One conversation: write, read until the expected responses are in (or close or timeout), parse. */
export async function talk(
  host: string,
  port: number,
  rid: string,
  n: number | string,
  plan: ConversationPlan,
  tls?: TlsClient,
): Promise<Conversation> {
  const bytes = plan.requests.map((r, i) => build(r, host, port, rid, `${n}.${i}`));
  const requests = plan.requests.map(
    (r): WireRequestMeta => ({ method: r.method ?? 'GET', protocol: r.protocol ?? 'HTTP/1.1' }),
  );
  const expect = plan.expect ?? requests.length;
  const started = Date.now();
  let ended = false;
  const main = converse({
    host,
    port,
    ...(tls ? { tls } : {}),
    steps: plan.steps
      ? plan.steps(bytes, (p) => talk(host, port, rid, `${n}b`, p, tls))
      : [{ bytes: Buffer.concat(bytes) }],
    done: (received, closed) => parseResponses(received, requests, closed).finals >= expect,
    settleMs: plan.settleMs ?? DEFAULT_SETTLE_MS,
    timeoutMs: plan.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  }).finally(() => (ended = true));
  const { control } = plan;
  const alongside = control
    ? new Promise<void>((r) => setTimeout(r, control.afterMs)).then(async () => {
        if (ended) return undefined;
        const conversation = await talk(host, port, rid, `${n}c`, control.plan, tls);
        return { conversation, endedMs: Date.now() - started };
      })
    : Promise.resolve(undefined);
  const record = await main;
  const firstEndedMs = Date.now() - started;
  const held = await alongside;
  return {
    label: plan.label,
    requests,
    record,
    parsed: parseResponses(record.received, requests, record.closedByServer),
    ...(held ? { control: { ...held, firstEndedMs } } : {}),
  };
}

function transcript(c: Conversation): string {
  const r = c.record;
  const how = {
    done: 'the client closed once the answers were in',
    closed: 'the server closed the connection',
    timeout: 'no complete answer: the client gave up',
    error: `connection failed: ${r.error}`,
  }[r.end];
  const reads = r.reads.map((x) => `${x.ms} ms: ${x.total}`).join(', ');
  const error = r.error && r.end !== 'error' ? `, ${r.error}` : '';
  const received = r.received.length ? showBytes(r.received, '< ') : '< (nothing)';
  const own =
    `[${c.label}]\n${showBytes(r.sent, '> ')}\n${received}\n(${how}${error} ` +
    `at ${r.endMs} ms; bytes received by: ${reads || 'none'})`;
  const held = c.control;
  if (!held) return own;
  return (
    `${own}\n\n${transcript(held.conversation)}\n(on a second connection, while the first waited: it ended ` +
    `${held.endedMs} ms into the first, which ended at ${held.firstEndedMs} ms)`
  );
}

/** The ServerCase `run` of a wire case: its conversations in order, then (optionally) the facts. */
export function converseRun(plans: ConversationPlan[], opts: { facts?: boolean } = {}): NonNullable<ServerCase['run']> {
  return async (send, server) => {
    const where = await address(send);
    if (where.host === undefined || where.port === undefined) return where.o;
    const rid = `${where.o.ex.id.replace(/-address(-again)?$/, '')}-wire`;
    const started = Date.now();
    const wire: Conversation[] = [];
    for (const [n, plan] of plans.entries()) wire.push(await talk(where.host, where.port, rid, n, plan, server.tls));
    const facts: Fact[] = opts.facts ? await factsOf(send, rid, 1) : [];
    const first = wire[0]?.parsed.responses.find((r) => !r.interim);
    const failed = wire[0]?.record.end === 'error' ? wire[0].record.error : undefined;
    const ex: WireExchange = {
      id: rid,
      wire,
      ms: Date.now() - started,
      transcript: wire.map(transcript).join('\n\n'),
      headers: first?.headers ?? [],
      body: first?.body ?? Buffer.alloc(0),
      notes: [],
      raw: wire[0]?.record.received ?? Buffer.alloc(0),
      reads: wire[0]?.record.reads ?? [],
      loopStallMs: Math.max(0, ...wire.map((c) => c.record.loopStallMs)),
      ...(first ? { status: first.status } : {}),
      ...(failed ? { error: failed } : {}),
    };
    return { ex, facts };
  };
}

/** The conversations of an observation (undefined when the case never got to them). */
export function conversations(o: Observed): Conversation[] | undefined {
  return (o.ex as Partial<WireExchange>).wire;
}

/** Final responses of a conversation, in order. */
export const finals = (c: Conversation): WireResponse[] => c.parsed.responses.filter((r) => !r.interim && r.complete);

export type Check = (o: Observed) => Breach[] | null | { skip: string; again?: boolean };

/**
 * The runner protocol, version 1: JSON lines between the TypeScript harness and
 * harness/python/runner.py. Commands go to the runner on fd 3, events come back on fd 4,
 * so whatever the application prints on stdout/stderr cannot corrupt the stream.
 * Every line is validated here; schemas/runner-protocol.schema.json is generated from it.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

export { TypedValue } from '../spec/typed-value.js';
import { TypedValue } from '../spec/typed-value.js';

export const PyError = z.strictObject({
  type: z.string(),
  message: z.string(),
  traceback: z.string(),
});
export type PyError = z.infer<typeof PyError>;

/** What the gateway does for one call; the request part becomes the environ. */
export const ScenarioSpec = z.strictObject({
  name: z.string(),
  method: z.string(),
  /** Where the app is mounted (SCRIPT_NAME). */
  scriptName: z.string().default(''),
  /** Request target path as sent on the wire (percent-encoded). */
  path: z.string(),
  query: z.string().optional(),
  protocol: z.string().default('HTTP/1.1'),
  headers: z.array(z.tuple([z.string(), z.string()])).default([]),
  /** Request body, latin-1 text (one char per byte). */
  body: z.string().optional(),
  /** Only the keys PEP 3333 requires: optional CGI keys are omitted. */
  minimal: z.boolean().default(false),
  runOnce: z.boolean().default(false),
  /** How start_response is handed over: a plain function or a callable object. */
  startResponse: z.enum(['function', 'object']).default('function'),
  /** The gateway stops iterating after this many items (then calls close()). */
  stopAfter: z.number().int().nonnegative().optional(),
  /** The gateway acts as if the headers were already sent: start_response with exc_info raises. */
  headersSent: z.boolean().default(false),
});
export type ScenarioSpec = z.input<typeof ScenarioSpec>;

export const Command = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('load'), target: z.string(), cwd: z.string() }),
  z.strictObject({ op: z.literal('call'), id: z.string(), scenario: ScenarioSpec }),
  z.strictObject({ op: z.literal('exit') }),
]);
export type Command = z.input<typeof Command>;

const Phase = z.enum(['call', 'iteration', 'close', 'len']);
export type Phase = z.infer<typeof Phase>;
const id = z.string();

export const RunnerEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    protocol: z.literal(PROTOCOL_VERSION),
    python: z.strictObject({ version: z.string(), implementation: z.string(), executable: z.string() }),
  }),
  z.strictObject({
    type: z.literal('loaded'),
    target: z.string(),
    /** How the callable was found: the named attribute, or the app a script passed to make_server. */
    via: z.enum(['attribute', 'make_server']),
    name: z.string(),
    callable: TypedValue,
  }),
  z.strictObject({
    type: z.literal('load-error'),
    stage: z.enum(['resolve', 'import', 'lookup']),
    message: z.string(),
    error: PyError.optional(),
    /** Top-level module that could not be imported (ModuleNotFoundError.name). */
    missingModule: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('call-begin'), id }),
  z.strictObject({
    type: z.literal('start-response'),
    id,
    seq: z.number().int(),
    phase: Phase,
    args: z.array(TypedValue),
    kwargs: z.record(z.string(), TypedValue),
    /** Exception being handled by the caller when it called start_response, if any. */
    handling: TypedValue.nullable(),
    headersSent: z.boolean(),
    /** What the gateway did: accepted, or raised (re-raised exc_info[1], or refused a second call). */
    result: z.enum(['ok', 'reraised', 'refused']),
  }),
  z.strictObject({ type: z.literal('write'), id, phase: Phase, data: TypedValue }),
  z.strictObject({
    type: z.literal('return'),
    id,
    value: TypedValue,
    iterable: z.boolean(),
    hasClose: z.boolean(),
    hasLen: z.boolean(),
  }),
  z.strictObject({ type: z.literal('len'), id, value: z.number().int().optional() }),
  z.strictObject({ type: z.literal('item'), id, index: z.number().int(), value: TypedValue, srCalled: z.boolean() }),
  z.strictObject({
    type: z.literal('iter-end'),
    id,
    reason: z.enum(['exhausted', 'stopped', 'capped', 'raised']),
    items: z.number().int(),
    bytes: z.number().int(),
  }),
  z.strictObject({
    type: z.literal('input'),
    id,
    method: z.string(),
    args: z.array(TypedValue),
    result: TypedValue,
    /** CONTENT_LENGTH minus bytes already read, or null when the environ has no CONTENT_LENGTH. */
    remaining: z.number().int().nullable(),
  }),
  z.strictObject({
    type: z.literal('stream-misuse'),
    id,
    stream: z.enum(['input', 'errors']),
    name: z.string(),
  }),
  z.strictObject({ type: z.literal('errors'), id, method: z.string(), args: z.array(TypedValue) }),
  z.strictObject({ type: z.literal('file-wrapper'), id, args: z.array(TypedValue), hasRead: z.boolean() }),
  z.strictObject({
    type: z.literal('exception'),
    id,
    phase: Phase,
    error: PyError,
    /** Raised by the call itself (wrong signature), not from inside the application. */
    atCallSite: z.boolean(),
    /** The exception start_response raised (or one chained to it) propagated out. */
    fromGateway: z.boolean(),
  }),
  z.strictObject({ type: z.literal('close'), id, ok: z.boolean() }),
  z.strictObject({ type: z.literal('call-end'), id, ms: z.number() }),
]);
export type RunnerEvent = z.infer<typeof RunnerEvent>;
export type EventOf<T extends RunnerEvent['type']> = Extract<RunnerEvent, { type: T }>;

/** JSON Schema of both directions, shipped as schemas/runner-protocol.schema.json. */
export function protocolJsonSchema(): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `wsgi-conformance runner protocol v${PROTOCOL_VERSION}`,
    description: 'JSON lines: commands on the runner\'s fd 3, events from its fd 4.',
    $defs: {
      command: z.toJSONSchema(Command, { io: 'input' }),
      event: z.toJSONSchema(RunnerEvent),
    },
  };
}

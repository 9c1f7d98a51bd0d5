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

/** The instrumented inner applications of a middleware run (harness/python/_wsgiconf_middleware_inner.py). */
export const INNER_APPS = [
  'plain',
  'lazy',
  'write',
  'error-before',
  'error-after',
  'raise-in-iteration',
  'input',
  'file-wrapper',
  'exc-info-ref',
] as const;
export type InnerApp = (typeof INNER_APPS)[number];
/** Where in the application's own code an event came from (paths relative to the source root). */
export const SourceLocation = z.strictObject({
  file: z.string(),
  line: z.number().int(),
  /** The source line, stripped. */
  code: z.string().optional(),
});
export type SourceLocation = z.infer<typeof SourceLocation>;
const at = SourceLocation.optional();

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
  /** Middleware runs only: which instrumented inner application the middleware wraps. */
  inner: z.enum(INNER_APPS).optional(),
  /** Report the links the response offers (a `links` event before `call-end`), for --crawl. */
  links: z.boolean().optional(),
});
export type ScenarioSpec = z.input<typeof ScenarioSpec>;

export const Command = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('load'),
    target: z.string(),
    cwd: z.string(),
    /** Folder of the application's own code, for event locations (default: the target's folder). */
    sourceRoot: z.string().optional(),
  }),
  z.strictObject({
    op: z.literal('call'),
    id: z.string(),
    scenario: ScenarioSpec,
    /**
     * The gateway stops iterating a body still going after this many ms, as after MAX_ITEMS: an endless
     * body is then named as such on a starved machine too, before the harness's own deadline runs out.
     */
    capMs: z.number().int().positive().optional(),
  }),
  z.strictObject({ op: z.literal('exit') }),
  /** Loads TARGET as a middleware factory: `factory(inner_app, **args)`. */
  z.strictObject({
    op: z.literal('load-middleware'),
    target: z.string(),
    cwd: z.string(),
    args: z.record(z.string(), z.unknown()).default({}),
    /** Folder whose files are the middleware's own code (default: the target's folder). */
    sourceRoot: z.string().optional(),
  }),
]);
export type Command = z.input<typeof Command>;

const Phase = z.enum(['call', 'iteration', 'close', 'len']);
export type Phase = z.infer<typeof Phase>;
const id = z.string();

/** What an inner application of a middleware run saw, in the order it happened. */
const innerEvents = [
  z.strictObject({
    type: z.literal('inner-call'),
    id,
    app: z.enum(INNER_APPS),
    args: z.number().int(),
    kwargs: z.array(z.string()),
    environType: z.string(),
    /** Every environ key with its typed value (objects by type only). */
    environ: z.record(z.string(), TypedValue),
    startResponse: z.strictObject({ t: z.string(), callable: z.boolean() }),
    at,
  }),
  z.strictObject({ type: z.literal('inner-return'), id }),
  z.strictObject({
    type: z.literal('inner-start-response'),
    id,
    seq: z.number().int(),
    excInfo: z.boolean(),
    returned: TypedValue.optional(),
    writeCallable: z.boolean().optional(),
    raised: PyError.optional(),
    /** The exception raised is the exc_info[1] the inner application passed. */
    reraisedOwn: z.boolean().optional(),
    /** The headers the inner application passed. */
    headers: z.array(z.tuple([z.string(), z.string()])).optional(),
    at,
  }),
  /** The inner application called write(); `error` if that write() raised. */
  z.strictObject({
    type: z.literal('inner-write'),
    id,
    n: z.number().int(),
    v: z.string(),
    error: PyError.optional(),
    at,
  }),
  /** The middleware asked the inner iterable for its next item (`closed`: after close()). */
  z.strictObject({ type: z.literal('inner-next'), id, index: z.number().int(), closed: z.boolean(), at }),
  /** `v`: the item's bytes as latin-1 (the inner applications' items are short). */
  z.strictObject({ type: z.literal('inner-yield'), id, index: z.number().int(), n: z.number().int(), v: z.string() }),
  z.strictObject({
    type: z.literal('inner-end'),
    id,
    reason: z.enum(['exhausted', 'raised']),
    error: PyError.optional(),
  }),
  z.strictObject({ type: z.literal('inner-close'), id, count: z.number().int(), at }),
  z.strictObject({
    type: z.literal('inner-input'),
    id,
    method: z.string(),
    result: TypedValue.optional(),
    error: PyError.optional(),
    at,
  }),
  z.strictObject({ type: z.literal('inner-file-wrapper'), id, returned: TypedValue, iterable: z.boolean(), at }),
  /**
   * After start_response(..., exc_info) replaced the unsent headers and the inner application
   * dropped its references: is the exception (or an object only its traceback holds) alive?
   */
  z.strictObject({
    type: z.literal('inner-exc-info-ref'),
    id,
    replaced: z.boolean(),
    exceptionAlive: z.boolean().optional(),
    frameObjectAlive: z.boolean().optional(),
    referrers: z.array(z.string()).optional(),
  }),
] as const;

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
    /** Middleware runs: what the factory returned around an inner application. */
    middleware: TypedValue.optional(),
    /** Absolute folder event locations are relative to. */
    sourceRoot: z.string().optional(),
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
    at,
  }),
  z.strictObject({ type: z.literal('write'), id, phase: Phase, data: TypedValue, at }),
  z.strictObject({
    type: z.literal('return'),
    id,
    value: TypedValue,
    iterable: z.boolean(),
    hasClose: z.boolean(),
    hasLen: z.boolean(),
    at,
  }),
  z.strictObject({ type: z.literal('len'), id, value: z.number().int().optional(), at }),
  z.strictObject({
    type: z.literal('item'),
    id,
    index: z.number().int(),
    value: TypedValue,
    srCalled: z.boolean(),
    at,
  }),
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
    at,
  }),
  z.strictObject({
    type: z.literal('stream-misuse'),
    id,
    stream: z.enum(['input', 'errors']),
    name: z.string(),
    at,
  }),
  z.strictObject({ type: z.literal('errors'), id, method: z.string(), args: z.array(TypedValue), at }),
  z.strictObject({ type: z.literal('file-wrapper'), id, args: z.array(TypedValue), hasRead: z.boolean(), at }),
  z.strictObject({
    type: z.literal('exception'),
    id,
    phase: Phase,
    error: PyError,
    /** Raised by the call itself (wrong signature), not from inside the application. */
    atCallSite: z.boolean(),
    /** The exception start_response raised (or one chained to it) propagated out. */
    fromGateway: z.boolean(),
    at,
  }),
  z.strictObject({ type: z.literal('close'), id, ok: z.boolean(), at }),
  /** Links the response offers (href, src, action, Location), when the scenario asked for them. */
  z.strictObject({ type: z.literal('links'), id, links: z.array(z.string()) }),
  z.strictObject({ type: z.literal('call-end'), id, ms: z.number() }),
  ...innerEvents,
]);
export type RunnerEvent = z.infer<typeof RunnerEvent>;
export type EventOf<T extends RunnerEvent['type']> = Extract<RunnerEvent, { type: T }>;

/** JSON Schema of both directions, shipped as schemas/runner-protocol.schema.json. */
export function protocolJsonSchema(): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `wsgi-conformance runner protocol v${PROTOCOL_VERSION}`,
    description: "JSON lines: commands on the runner's fd 3, events from its fd 4.",
    $defs: {
      command: z.toJSONSchema(Command, { io: 'input' }),
      event: z.toJSONSchema(RunnerEvent),
    },
  };
}

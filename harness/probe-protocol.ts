/**
 * The probe protocol: what the suite asks the probe hosted on a server (harness/python/probe.py)
 * and what the probe answers. A request names a scenario (header X-Probe-Scenario); the probe
 * does what the scenario says and, for the scenarios listed with a schema here, answers 200
 * with its observation as JSON. The other scenarios answer what the scenario is about (a text
 * body, a file, nothing) and report through the side channel (facts) only.
 *
 * The scenario names are those of the probe's registry (the SCENARIOS dicts of
 * harness/python/_wsgiconf_probe_*.py; a test compares them). Each schema is what the probe's
 * Python code sends: exact Python types come as TypedValue, errors as PyError.
 * schemas/probe-protocol.schema.json is generated from this module (npm run schemas).
 */
import { z } from 'zod';
import { PyError, TypedValue } from './protocol.js';

export const PROBE_SCENARIOS = [
  // _wsgiconf_probe_scenarios.py
  'environ',
  'input',
  'errors',
  'start-response',
  'bad-header',
  'exc-info-replace',
  'exc-info-after-sent',
  'close',
  'close-error',
  'lazy',
  'write',
  'mutate-environ',
  // _wsgiconf_probe_body.py
  'sleep',
  'getitem',
  'attributes',
  'content-length',
  'write-excess',
  'store-then-check',
  'raise',
  // _wsgiconf_probe_timing.py
  'file-wrapper-api',
  'file-wrapper-body',
  'file-wrapper-position',
  'file-wrapper-decoy',
  'slow-stream',
  'two-chunks',
  'late-body',
  'address',
  'facts-of',
  'exc-info-ref',
  // _wsgiconf_probe_wire.py, _wsgiconf_probe_fuzz.py
  'respond',
  'fuzz-echo',
] as const;
export const ProbeScenario = z.enum(PROBE_SCENARIOS);
export type ProbeScenario = z.infer<typeof ProbeScenario>;

/** A value the probe passes through json.dumps as it found it (non-JSON types become their repr). */
const Raw = z.json();
/** How one of the probe's own calls into the server went. */
const Called = z.enum(['returned', 'raised']);

/** environ as the server passed it: every key with its value's exact type (PEP 3333, environ Variables). */
export const EnvironObservation = z.strictObject({
  environType: z.string(),
  isDict: z.boolean(),
  keys: z.record(z.string(), TypedValue),
  /** repr() of keys that are not str. */
  nonStrKeys: z.array(z.string()),
  /** Keys copied from the server process's OS environment. */
  osKeys: z.array(z.string()),
});

/** One wsgi.input operation: what it returned (and how long it took) or what it raised. */
const InputResult = z
  .strictObject({
    op: z.string(),
    args: z.array(z.number().int()),
    value: TypedValue.optional(),
    ms: z.number().optional(),
    error: PyError.optional(),
  })
  .refine((r) => (r.error === undefined) === (r.value !== undefined && r.ms !== undefined), {
    message: 'an operation has either a value and ms, or an error',
  });

const Absent = z.strictObject({ present: z.literal(false), reason: z.string() });
/** What wsgi.file_wrapper(...) returned, iterated in the application. */
const WrapperCall = z
  .strictObject({
    nargs: z.number().int(),
    /** The call itself raised; nothing else is reported. */
    error: PyError.optional(),
    /** The type of what it returned, then how iterating that went. */
    returned: z.string().optional(),
    items: z.number().int().optional(),
    types: z.array(z.string()).optional(),
    ended: z.boolean().optional(),
    /** The items put together are the file's content. */
    same: z.boolean().optional(),
    endless: z.literal(true).optional(),
    iterError: PyError.optional(),
    nextError: PyError.optional(),
  })
  .refine((c) => (c.error === undefined) === (c.returned !== undefined && c.same !== undefined), {
    message: 'a call has either an error, or what it returned and how iterating it went',
  });
/** A wrapper that raised answers 500 with this; the file's content is the 200 answer otherwise. */
const WrapperFailed = z.strictObject({ present: z.literal(true), error: PyError });

/** A side-channel fact (JSON line); its other fields depend on `ev` (FACTS). */
export const FactSchema = z.looseObject({
  ev: z.string(),
  pid: z.number().int(),
  thread: z.number().int(),
  t: z.number(),
});
export type Fact = z.infer<typeof FactSchema>;

const fact = <T extends z.ZodRawShape>(ev: string, shape: T) => FactSchema.extend({ ev: z.literal(ev), ...shape });
const Index = z.number().int();

/**
 * The fields of each fact the suite reads, by `ev` (what harness/python/_wsgiconf_probe_*.py
 * passes to rec.emit). A fact is checked against its event's schema once, when it is read
 * (harness/server/facts.ts); events not listed carry nothing the suite reads beyond `ev` and
 * the clock. Further fields are allowed: a fact may say more than the suite reads.
 */
export const FACTS = {
  call: fact('call', { scenario: z.string(), nargs: z.number().int(), kwargs: z.array(z.string()) }),
  slept: fact('slept', {
    pid: z.number().int(),
    thread: z.number().int(),
    start: z.number(),
    end: z.number(),
    multithread: Raw,
    multiprocess: Raw,
    runOnce: Raw,
  }),
  attribute: fact('attribute', { name: z.string() }),
  close: fact('close', { count: z.number().int().optional() }),
  'item-pulled': fact('item-pulled', { index: Index, afterClose: z.boolean().optional() }),
  'iteration-raised': fact('iteration-raised', { index: Index }),
  'op-start': fact('op-start', { op: z.string(), args: z.array(z.number().int()) }),
  'op-done': fact('op-done', { op: z.string() }),
  'excess-write': fact('excess-write', {
    outcome: z.enum(['no-write-callable', 'returned', 'raised']),
    returned: z.string().optional(),
    error: PyError.optional(),
  }),
  'store-then-check': fact('store-then-check', {
    first: Called,
    second: Called.optional(),
    secondError: PyError.optional(),
  }),
  'bad-header': fact('bad-header', {
    kind: z.string(),
    firstCall: Called,
    firstCallError: PyError.optional(),
    retryWithExcInfo: Called.optional(),
    retryError: PyError.optional(),
  }),
  'late-start-response': fact('late-start-response', {
    outcome: Called,
    same: z.boolean().optional(),
    error: PyError.optional(),
  }),
  'write-not-callable': fact('write-not-callable', { returned: z.string() }),
  'file-close': fact('file-close', { tag: z.string() }),
  'file-wrapper': fact('file-wrapper', { present: z.boolean() }),
  'file-wrapper-body': fact('file-wrapper-body', {
    present: z.boolean().optional(),
    kind: z.string().optional(),
    hasClose: z.boolean().optional(),
    delegates: z.boolean().optional(),
    error: PyError.optional(),
  }),
  'file-wrapper-position': fact('file-wrapper-position', { present: z.boolean(), position: Index.optional() }),
  yield: fact('yield', { index: Index, empty: z.boolean().optional() }),
  resumed: fact('resumed', { index: Index }),
  'exc-info-ref': fact('exc-info-ref', {
    replaced: z.boolean(),
    exceptionAlive: z.boolean().optional(),
    frameObjectAlive: z.boolean().optional(),
    referrers: z.array(z.string()).optional(),
    error: PyError.optional(),
  }),
  // start_response(..., exc_info) raised though nothing had been sent (exc-info-replace-before-sent).
  'replace-raised': fact('replace-raised', { error: PyError.optional() }),
  respond: fact('respond', { seq: z.string() }),
} as const;
export type FactEvent = keyof typeof FACTS;
export type FactOf<E extends FactEvent> = z.infer<(typeof FACTS)[E]>;

/** A side-channel fact of the wrong shape: a bug in the probe or the suite, never the server's fault. */
export class ProbeFactError extends Error {
  constructor(
    readonly ev: string,
    readonly issues: string,
  ) {
    super(`a side-channel fact '${ev}' does not match the probe protocol: ${issues}`);
    this.name = 'ProbeFactError';
  }
}

/** Checks one fact line (parsed JSON) against FactSchema and its event's schema; throws ProbeFactError. */
export function parseFact(json: unknown): Fact {
  const base = FactSchema.safeParse(json);
  if (!base.success) throw new ProbeFactError(eventName(json), issuesOf(base.error));
  const schema = Object.hasOwn(FACTS, base.data.ev) ? FACTS[base.data.ev as FactEvent] : undefined;
  if (!schema) return base.data;
  const typed = schema.safeParse(json);
  if (!typed.success) throw new ProbeFactError(base.data.ev, issuesOf(typed.error));
  return typed.data;
}

/** The facts of one event, typed (parseFact has checked each one's shape). */
export function eventFacts<E extends FactEvent>(facts: readonly Fact[], ev: E): FactOf<E>[] {
  return facts.filter((f): f is FactOf<E> => f.ev === ev);
}

/** The first fact of one event, typed; undefined when there is none. */
export function firstFact<E extends FactEvent>(facts: readonly Fact[], ev: E): FactOf<E> | undefined {
  return eventFacts(facts, ev)[0];
}

function eventName(json: unknown): string {
  const ev = json && typeof json === 'object' && 'ev' in json ? json.ev : undefined;
  return typeof ev === 'string' ? ev : '(no ev)';
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(the whole fact)'}: ${i.message}`).join('; ');
}

/**
 * Each scenario's observation, the JSON body of its 200 answer; null where the body is not an
 * observation (the scenario's own text, a file's content, nothing).
 */
export const OBSERVATIONS = {
  environ: EnvironObservation,
  input: z.strictObject({ inputType: z.string(), results: z.array(InputResult) }),
  errors: z.strictObject({
    errorsType: z.string(),
    results: z.array(z.strictObject({ op: z.string(), error: PyError.optional() })),
  }),
  'start-response': z.strictObject({
    returned: TypedValue,
    returnedCallable: z.boolean(),
    secondCall: Called,
    secondCallError: PyError.optional(),
  }),
  'bad-header': z.strictObject({
    kind: z.string(),
    firstCall: Called,
    firstCallError: PyError.optional(),
    retryWithExcInfo: Called.optional(),
    retryError: PyError.optional(),
  }),
  'exc-info-replace': null,
  'exc-info-after-sent': null,
  close: null,
  'close-error': null,
  lazy: null,
  write: null,
  'mutate-environ': null,
  sleep: z.strictObject({
    pid: z.number().int(),
    thread: z.number().int(),
    start: z.number(),
    end: z.number(),
    multithread: Raw,
    multiprocess: Raw,
    runOnce: Raw,
  }),
  getitem: null,
  attributes: null,
  'content-length': null,
  'write-excess': null,
  /** What happened travels as facts; the body is `{}`. */
  'store-then-check': z.strictObject({}),
  raise: null,
  'file-wrapper-api': z.union([
    Absent,
    z.strictObject({ present: z.literal(true), type: z.string(), callable: z.boolean(), calls: z.array(WrapperCall) }),
  ]),
  'file-wrapper-body': z.union([
    Absent,
    z.strictObject({
      present: z.literal(true),
      kind: z.string(),
      error: PyError,
      hasClose: z.boolean().optional(),
      delegates: z.boolean().optional(),
    }),
  ]),
  'file-wrapper-position': z.union([Absent, WrapperFailed]),
  'file-wrapper-decoy': z.union([Absent, WrapperFailed]),
  'slow-stream': null,
  'two-chunks': null,
  'late-body': null,
  /** Where the suite reached the server: the Host header as text, SERVER_NAME and SERVER_PORT as found. */
  address: z.strictObject({ host: z.string().nullable(), serverName: Raw, serverPort: Raw }),
  /** The facts of request X-Probe-Of so far, then a `read-at` fact. */
  'facts-of': z.strictObject({ facts: z.array(FactSchema) }),
  'exc-info-ref': z.union([
    z.strictObject({ replaced: z.literal(false), error: PyError }),
    z.strictObject({
      replaced: z.literal(true),
      exceptionAlive: z.boolean(),
      frameObjectAlive: z.boolean(),
      referrers: z.array(z.string()).optional(),
    }),
  ]),
  /** With X-Probe-Spec's `echo`; otherwise the body is the spec's items. */
  respond: z.strictObject({
    seq: z.string(),
    method: z.string().nullable(),
    body: z.string().optional(),
    environ: z.record(z.string(), z.string().nullable()).optional(),
  }),
  'fuzz-echo': z.strictObject({
    keys: z.record(z.string(), TypedValue),
    osKeys: z.array(z.string()),
    /** repr() of keys that are not str. */
    oddKeys: z.array(z.string()),
    itemsError: PyError.optional(),
    ops: z.array(
      z.strictObject({
        op: z.string(),
        value: TypedValue.optional(),
        error: PyError.optional(),
        blocked: z.literal(true).optional(),
      }),
    ),
    environType: z.string(),
  }),
} as const satisfies Record<ProbeScenario, z.ZodType | null>;

/** The scenarios whose answer is an observation. */
export type ObservingScenario = {
  [S in ProbeScenario]: (typeof OBSERVATIONS)[S] extends null ? never : S;
}[ProbeScenario];
export type ObservationOf<S extends ObservingScenario> = z.infer<NonNullable<(typeof OBSERVATIONS)[S]>>;

/** An answer that does not match its scenario's schema: a bug in the probe or the suite, not the server's fault. */
export class ProbeProtocolError extends Error {
  constructor(
    readonly scenario: ProbeScenario,
    readonly issues: string,
  ) {
    super(`the probe's observation for scenario '${scenario}' does not match the probe protocol: ${issues}`);
    this.name = 'ProbeProtocolError';
  }
}

/** Validates `json` as the observation of `scenario`; throws ProbeProtocolError when it does not match. */
export function parseObservation<S extends ObservingScenario>(scenario: S, json: unknown): ObservationOf<S> {
  const schema = OBSERVATIONS[scenario] as unknown as z.ZodType<ObservationOf<S>>;
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const where = (path: PropertyKey[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const at = (path: PropertyKey[]) => where(path).replace(/^\./, '') || '(the whole body)';
  const issues = parsed.error.issues.map((i) => `${at(i.path)}: ${i.message}`);
  throw new ProbeProtocolError(scenario, issues.join('; '));
}

/**
 * JSON Schema of the probe protocol, shipped as schemas/probe-protocol.schema.json. Converted as
 * one document so that the definitions the schemas share (TypedValue) sit in the root's $defs,
 * where their references point.
 */
export function probeProtocolJsonSchema(): object {
  const observing = Object.entries(OBSERVATIONS).flatMap(([name, schema]) => (schema ? [[name, schema] as const] : []));
  // Named definitions instead of __schema0, __schema1...
  const names = z.registry<{ id: string }>();
  names.add(TypedValue, { id: 'TypedValue' }).add(PyError, { id: 'PyError' }).add(Raw, { id: 'JsonValue' });
  const whole = z.toJSONSchema(
    z.strictObject({
      scenario: ProbeScenario,
      fact: FactSchema,
      facts: z.strictObject(FACTS),
      observations: z.strictObject(Object.fromEntries(observing)),
    }),
    { metadata: names },
  ) as { properties: Record<string, { properties?: object }>; $defs?: object };
  const { scenario, fact, facts, observations } = whole.properties;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'wsgi-conformance probe protocol',
    description:
      'Requests name a scenario in the X-Probe-Scenario header; the scenarios in $defs.observations answer 200 ' +
      "with that JSON body (the observation), the others answer their own body. Facts are the side channel's lines " +
      '($defs.facts: the fields of each event the suite reads).',
    $defs: { ...whole.$defs, scenario, fact, facts: facts?.properties, observations: observations?.properties },
  };
}

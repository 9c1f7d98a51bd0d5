/**
 * Timing-free facts of a two-sided call trace. The gateway's events (what the middleware did
 * as an application) and the inner application's events (what it did as a server) share one
 * stream in the order they happened, so "the inner iterable yielded item 2 before the
 * gateway had item 1" is read from order alone, without sleeping.
 */
import type { EventOf } from '../../harness/protocol.js';
import type { CallTrace } from '../../harness/trace.js';
import type { Breach } from '../../spec/schemas/issue.js';

/** The inner application was called, exactly once, and returned its iterable. */
export function innerCall(call: CallTrace): EventOf<'inner-call'> | undefined {
  return call.first('inner-call');
}

/** The inner iterable was handed out (the inner application returned rather than raised). */
export function innerReturned(call: CallTrace): boolean {
  return call.first('inner-return') !== undefined;
}

/** Bytes the gateway received: items and write() data. */
export function outerBodyBytes(call: CallTrace): number {
  const items = call.of('item').reduce((n, e) => n + (e.value.n ?? 0), 0);
  const writes = call.of('write').reduce((n, e) => n + (e.data.n ?? 0), 0);
  return items + writes;
}

/** The gateway pulled the middleware's iterable to its end (not stopped early, nothing raised). */
export function outerExhausted(call: CallTrace): boolean {
  return call.first('iter-end')?.reason === 'exhausted' && !call.exceptions.some((e) => e.phase === 'iteration');
}

/** Headers computed from the whole body: a middleware that sets one must see the body first. */
const BODY_DERIVED = new Set(['content-length', 'etag', 'content-md5', 'digest', 'content-digest', 'repr-digest']);

const pairs = (sr: EventOf<'start-response'> | undefined): [string, string][] =>
  (sr?.args[1]?.items ?? []).flatMap((h) => {
    const [name, value] = h.items ?? [];
    return name?.v !== undefined && value?.v !== undefined ? [[name.v, value.v] as [string, string]] : [];
  });

/**
 * The middleware hands the body on as the inner application made it: the gateway received
 * exactly the inner bytes, and no header the middleware added or changed is computed from the
 * body. Such a middleware never "needs to accumulate more data" (PEP 3333, Middleware Handling
 * of Block Boundaries), so holding a block back is only a delay.
 */
export function passesBodyThrough(call: CallTrace): boolean {
  const inner = call.events
    .flatMap((e) => (e.type === 'inner-yield' || e.type === 'inner-write' ? [e.v] : []))
    .join('');
  let outer = '';
  for (const e of call.events) {
    const value = e.type === 'item' ? e.value : e.type === 'write' ? e.data : undefined;
    if (!value) continue;
    if (value.t !== 'bytes' || value.trunc || value.v === undefined) return false;
    outer += value.v;
  }
  if (inner !== outer) return false;
  const innerHeaders = call
    .of('inner-start-response')
    .filter((s) => !s.raised)
    .at(-1)?.headers;
  if (!innerHeaders) return false;
  const given = new Set(innerHeaders.map(([n, v]) => `${n.toLowerCase()}: ${v}`));
  return !pairs(call.startResponses.at(-1)).some(
    ([n, v]) => !given.has(`${n.toLowerCase()}: ${v}`) && BODY_DERIVED.has(n.toLowerCase()),
  );
}

/**
 * A block held back (PEP 3333, Buffering and Streaming: middleware "must not delay the
 * transmission of any block"; its way to guarantee transmission is to "send the entire block
 * to its parent"): the middleware asked the inner iterable for its next item while bytes of
 * earlier inner items had not reached the gateway, although it passes the body through.
 */
function heldBack(call: CallTrace): Breach | null {
  if (!passesBodyThrough(call)) return null;
  let made = 0;
  let given = 0;
  for (const e of call.events) {
    if (e.type === 'inner-yield' || e.type === 'inner-write') made += e.n;
    else if (e.type === 'item') given += e.value.n ?? 0;
    else if (e.type === 'write') given += e.data.n ?? 0;
    else if (e.type === 'inner-next' && e.index > 0 && given < made) {
      return {
        rule: 'body-no-delay',
        message:
          `the middleware passes the body through unchanged, yet asked for inner item ${e.index} while ` +
          `${made - given} byte(s) of earlier inner items had not reached the gateway`,
        expected:
          'yield each inner block to the gateway before pulling the next; only a middleware that must see more ' +
          "data to produce its output may yield b'' and accumulate",
        ...(e.at ? { at: e.at } : {}),
      };
    }
  }
  return null;
}

/**
 * The one block-boundary observation of a call (PEP 3333, Middleware Handling of Block
 * Boundaries), most specific first: write() for yielded data, then pre-iteration in
 * `__call__`, then fewer yields than the inner application's, then look-ahead, then a block
 * held back by a middleware that passes the body through (Buffering and Streaming). These
 * are one requirement said five ways; reporting each broken behaviour under one rule keeps
 * one observation at one verdict.
 */
export function blockBoundary(call: CallTrace): Breach | null {
  const innerWrites = call.of('inner-write').length;
  const writes = call.of('write').filter((w) => (w.data.n ?? 0) > 0);
  if (writes.length > innerWrites && call.of('inner-yield').some((y) => y.n > 0)) {
    return {
      rule: 'middleware-no-write-for-yielded',
      message:
        `the middleware called the gateway's write() ${writes.length} time(s) while the inner application wrote ` +
        `${innerWrites} time(s) and yielded its body`,
      expected: 'yield what the inner application yields from your own iterable; use write() only for what it wrote',
    };
  }
  const events = call.events;
  const returnAt = events.findIndex((e) => e.type === 'return');
  const early = events.findIndex((e) => e.type === 'inner-next');
  if (early >= 0 && (returnAt < 0 || early < returnAt)) {
    const e = events[early] as EventOf<'inner-next'>;
    return {
      rule: 'middleware-return-promptly',
      message:
        `the middleware asked the inner iterable for item ${e.index} inside __call__, before returning its own ` +
        `iterable to the gateway`,
      expected:
        'return an iterable as soon as the inner application returns one; pull inner items only when the gateway ' +
        'pulls yours',
    };
  }
  if (!outerExhausted(call) || call.first('inner-end')?.reason !== 'exhausted') return null;
  const innerYields = call.of('inner-yield').length;
  const outerItems = call.of('item').length;
  if (outerItems < innerYields) {
    return {
      rule: 'middleware-yield-per-yield',
      message:
        `the inner application yielded ${innerYields} items, the middleware yielded only ${outerItems} to the ` +
        `gateway`,
      expected: "at least one item (b'' if nothing else) per inner item",
    };
  }
  let pulled = 0;
  let given = 0;
  for (const e of events) {
    if (e.type === 'item') given++;
    // Asking for the end (StopIteration) before handing on the last item is look-ahead too.
    const end = e.type === 'inner-end' && e.reason === 'exhausted';
    if (e.type !== 'inner-yield' && !end) continue;
    if (pulled > given) {
      const what = e.type === 'inner-yield' ? `inner item ${e.index}` : 'the end of the inner iterable';
      return {
        rule: 'middleware-no-block-iteration',
        message: `the middleware pulled ${what} before the gateway had received anything for inner item ${given}`,
        expected: 'one inner item per outer next(): never wait for several inner values',
      };
    }
    pulled++;
  }
  return heldBack(call);
}

/** The call shows how the middleware handles the inner iterable: it was called, returned, and nothing hung. */
export function innerServed(call: CallTrace): boolean {
  return call.completed && innerReturned(call);
}

/** The Content-Length the middleware declared to the gateway, if any. */
export function declaredLength(call: CallTrace): number | undefined {
  const sr = call.startResponses.at(-1);
  const headers = sr?.args[1]?.items ?? [];
  for (const h of headers) {
    const [name, value] = h.items ?? [];
    if (name?.v?.toLowerCase() === 'content-length' && value?.v !== undefined && /^\d+$/.test(value.v.trim())) {
      return Number(value.v.trim());
    }
  }
  return undefined;
}

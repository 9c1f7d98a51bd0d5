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

/**
 * The one block-boundary observation of a call (PEP 3333, Middleware Handling of Block
 * Boundaries), most specific first: write() for yielded data, then pre-iteration in
 * `__call__`, then fewer yields than the inner application's, then look-ahead. These
 * are one requirement said four ways; reporting each broken behaviour under one rule keeps
 * one observation at one verdict.
 */
export function blockBoundary(call: CallTrace): Breach | null {
  const innerWrites = call.of('inner-write').length;
  const writes = call.of('write').filter((w) => (w.data.n ?? 0) > 0);
  if (writes.length > innerWrites && call.of('inner-yield').some((y) => y.n > 0)) {
    return {
      rule: 'middleware-no-write-for-yielded',
      message: `the middleware called the gateway's write() ${writes.length} time(s) while the inner application wrote ${innerWrites} time(s) and yielded its body`,
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
      message: `the middleware asked the inner iterable for item ${e.index} inside __call__, before returning its own iterable to the gateway`,
      expected:
        'return an iterable as soon as the inner application returns one; pull inner items only when the gateway pulls yours',
    };
  }
  if (!outerExhausted(call) || call.first('inner-end')?.reason !== 'exhausted') return null;
  const innerYields = call.of('inner-yield').length;
  const outerItems = call.of('item').length;
  if (outerItems < innerYields) {
    return {
      rule: 'middleware-yield-per-yield',
      message: `the inner application yielded ${innerYields} items, the middleware yielded only ${outerItems} to the gateway`,
      expected: "at least one item (b'' if nothing else) per inner item",
    };
  }
  let pulled = 0;
  let given = 0;
  for (const e of events) {
    if (e.type === 'item') given++;
    if (e.type !== 'inner-yield') continue;
    if (pulled > given) {
      return {
        rule: 'middleware-no-block-iteration',
        message: `the middleware pulled inner item ${e.index} before the gateway had received anything for inner item ${given}`,
        expected: 'one inner item per outer next(): never wait for several inner values',
      };
    }
    pulled++;
  }
  return null;
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

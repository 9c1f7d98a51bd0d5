/**
 * Where in the middleware's own code a finding towards the application comes from. The runner
 * records the middleware's line on each inner event: the call into the inner application or
 * its iterable, or the return from a callable the middleware handed it (start_response,
 * write, wsgi.input, the file wrapper).
 */
import type { SourceLocation } from '../../harness/protocol.js';
import type { CallTrace } from '../../harness/trace.js';

type Located = { type: string; at?: SourceLocation | undefined };

const at = (events: readonly Located[], type: string, pick: (e: never) => boolean = () => true) =>
  events.find((e) => e.type === type && e.at && pick(e as never))?.at;

export function locateInner(rule: string, call: CallTrace): SourceLocation | undefined {
  const ev = call.events as readonly Located[];
  const innerCall = at(ev, 'inner-call');
  const excInfo = () => at(ev, 'inner-start-response', (e: { excInfo: boolean }) => e.excInfo);
  const found = (): SourceLocation | undefined => {
    if (rule === 'env-call-once-per-request') return call.of('inner-call')[1]?.at;
    if (rule.startsWith('env-')) return innerCall;
    if (rule === 'write-sent-or-queued') return at(ev, 'inner-write', (e: { error?: unknown }) => !!e.error);
    if (rule === 'start-response-returns-write')
      return at(ev, 'inner-start-response', (e: { writeCallable?: boolean }) => e.writeCallable === false);
    if (rule.startsWith('exc-info-')) return excInfo();
    if (rule === 'close-once-no-iter-after')
      return at(ev, 'inner-next', (e: { closed: boolean }) => e.closed) ?? call.of('inner-close')[1]?.at;
    // A close() never made: where the middleware closes its own iterable, else where it returned it.
    if (rule.startsWith('close-')) return at(ev, 'close') ?? at(ev, 'return');
    if (rule.startsWith('input-')) return at(ev, 'inner-input');
    if (rule.startsWith('file-wrapper-')) return at(ev, 'inner-file-wrapper');
    if (rule === 'middleware-both-sides') return at(ev, 'exception');
    if (rule === 'middleware-no-write-for-yielded') return at(ev, 'write');
    if (rule === 'middleware-adjust-content-length') return call.startResponses.at(-1)?.at;
    if (rule === 'middleware-no-block-iteration' || rule === 'body-no-delay')
      return at(ev, 'inner-next', (e: { index: number }) => e.index > 0);
    if (rule.startsWith('middleware-')) return at(ev, 'inner-next');
    return undefined;
  };
  return found() ?? innerCall;
}

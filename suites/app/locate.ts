/**
 * Which recorded event a finding is about, so the report can point at the line of the
 * application that did it. Checks may name the location themselves (Breach.at); otherwise
 * the rule's topic picks the event: start_response() for status and headers, the offending
 * item for the body, write(), wsgi.input, wsgi.errors, the exception for error handling.
 */
import type { EventOf, RunnerEvent, SourceLocation } from '../../harness/protocol.js';
import type { CallTrace } from '../../harness/trace.js';

type Located = RunnerEvent & { at?: SourceLocation };

const located = (events: readonly RunnerEvent[]): Located[] =>
  events.filter((e): e is Located => 'at' in e && e.at !== undefined);

function firstOf(
  call: CallTrace,
  types: readonly RunnerEvent['type'][],
  pick?: (e: Located) => boolean,
): SourceLocation | undefined {
  return located(call.events).find((e) => types.includes(e.type) && (!pick || pick(e)))?.at;
}

const ownException = (e: Located) => e.type === 'exception' && !e.fromGateway && !e.atCallSite;
const startResponse = (e: Located): e is EventOf<'start-response'> & Located => e.type === 'start-response';

export function locate(rule: string, call: CallTrace): SourceLocation | undefined {
  const sr = located(call.events).filter(startResponse);
  if (rule === 'start-response-once') return sr[1]?.at ?? sr[0]?.at;
  if (rule.startsWith('exc-info-') && rule !== 'exc-info-app-no-trap') {
    return (
      sr.find(
        (e) => (e.args[2] ?? e.kwargs.exc_info)?.t !== undefined && (e.args[2] ?? e.kwargs.exc_info)?.t !== 'NoneType',
      )?.at ?? sr[0]?.at
    );
  }
  if (rule === 'start-response-before-body') return firstOf(call, ['item', 'write']) ?? firstOf(call, ['return']);
  if (rule === 'unicode-native-vs-bytes') {
    return (
      firstOf(call, ['item'], (e) => e.type === 'item' && e.value.t !== 'bytes') ??
      firstOf(call, ['write']) ??
      sr[0]?.at
    );
  }
  if (rule === 'body-items-bytes') return firstOf(call, ['item'], (e) => e.type === 'item' && e.value.t !== 'bytes');
  if (rule === 'body-app-content-length-accurate') return sr.at(-1)?.at;
  if (rule === 'body-iterable' || rule === 'body-len-accurate' || rule === 'write-still-return-iterable')
    return firstOf(call, ['return']);
  if (rule === 'body-may-be-closed-early')
    return (
      firstOf(call, ['exception'], (e) => e.type === 'exception' && e.phase === 'close') ?? firstOf(call, ['close'])
    );
  if (rule.startsWith('write-')) return firstOf(call, ['write']);
  if (rule.startsWith('input-'))
    return (
      firstOf(call, ['stream-misuse'], (e) => e.type === 'stream-misuse' && e.stream === 'input') ??
      firstOf(call, ['input'])
    );
  if (rule.startsWith('errors-')) return firstOf(call, ['errors']) ?? firstOf(call, ['stream-misuse']);
  if (rule.startsWith('file-wrapper-')) return firstOf(call, ['file-wrapper']);
  if (
    rule.startsWith('status-') ||
    rule.startsWith('headers-') ||
    rule.startsWith('start-response-') ||
    rule.startsWith('body-app-') ||
    rule.startsWith('http11-')
  ) {
    return sr[0]?.at;
  }
  return (
    firstOf(call, ['exception'], ownException) ??
    firstOf(call, ['exception']) ??
    firstOf(call, ['start-response', 'return'])
  );
}

/**
 * A middleware call as readable text, both sides in the order they happened: what the
 * gateway saw of the middleware ("gateway |") and what the inner application saw of it
 * ("inner   |"). Shown as the evidence of a middleware result.
 */
import type { RunnerEvent } from '../../harness/protocol.js';
import type { CallTrace } from '../../harness/trace.js';
import { describe } from '../../spec/schemas/values.js';
import { line } from '../call-trace-text.js';

const LINES = 30;

function innerLine(e: RunnerEvent): string | undefined {
  switch (e.type) {
    case 'inner-call': {
      const args =
        e.args === 2 && !e.kwargs.length
          ? 'environ, start_response'
          : `${e.args} positional, keywords ${e.kwargs.join(', ') || 'none'}`;
      return `called as app(${args}), environ ${e.environType} (inner app "${e.app}")`;
    }
    case 'inner-return':
      return 'returned its iterable';
    case 'inner-start-response': {
      const outcome = e.raised
        ? `raised ${e.raised.type}: ${e.raised.message.split('\n')[0]}`
        : `returned ${e.returned ? describe(e.returned, 40) : '?'}`;
      return `start_response(...${e.excInfo ? ', exc_info' : ''}) ${outcome}`;
    }
    case 'inner-write':
      return `write(${e.n} bytes)${e.error ? ` raised ${e.error.type}: ${e.error.message}` : ''}`;
    case 'inner-next':
      return `next() asked for item ${e.index}${e.closed ? ' after close()' : ''}`;
    case 'inner-yield':
      return `yielded item ${e.index} (${e.n} bytes)`;
    case 'inner-end':
      return e.reason === 'exhausted' ? 'iterable exhausted' : `iterable raised ${e.error?.type}: ${e.error?.message}`;
    case 'inner-close':
      return `close() called${e.count > 1 ? ` (${e.count} times)` : ''}`;
    case 'inner-input':
      return `wsgi.input.${e.method}() -> ${e.result ? describe(e.result, 40) : `raised ${e.error?.type}`}`;
    case 'inner-file-wrapper':
      return `wsgi.file_wrapper(file, 8192) -> ${describe(e.returned, 40)}${e.iterable ? '' : ' (not iterable)'}`;
    default:
      return undefined;
  }
}

export function twoSidedTraceText(call: CallTrace): string {
  const lines = call.events.flatMap((e) => {
    const inner = innerLine(e);
    if (inner) return [`inner   | ${inner}`];
    const outer = line(e);
    return outer ? [`gateway | ${outer}`] : [];
  });
  if (call.error) lines.push(`gateway | ${call.error.message} (${call.error.code})`);
  const shown =
    lines.length > LINES ? [...lines.slice(0, LINES - 1), `… ${lines.length - LINES + 1} more events`] : lines;
  return [
    `two-sided call trace (scenario ${call.scenario}; gateway: what the server saw of the middleware, inner: what ` +
      `the application saw of it):`,
    ...shown.map((l) => `  ${l}`),
  ].join('\n');
}

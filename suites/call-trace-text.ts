/**
 * A WSGI call as readable text, the in-process counterpart of an HTTP transcript: what the
 * gateway passed, what the application called and returned, in order. Shown as evidence
 * under a finding so a reader sees the call that broke the rule, not only the verdict.
 */
import type { RunnerEvent } from '../harness/protocol.js';
import type { CallTrace } from '../harness/trace.js';
import { describe, pyRepr } from '../spec/schemas/values.js';

/** Items of the body shown before the rest is summed up by the iteration's end. */
const ITEMS = 3;
const LINES = 16;

export function callTraceText(call: CallTrace): string {
  const lines = call.events.flatMap((e) => line(e) ?? []);
  if (call.error) lines.push(`gateway: ${call.error.message} (${call.error.code})`);
  const shown =
    lines.length > LINES ? [...lines.slice(0, LINES - 1), `… ${lines.length - LINES + 1} more events`] : lines;
  return [`call trace (scenario ${call.scenario}):`, ...shown.map((l) => `  ${l}`)].join('\n');
}

function during(phase: string): string {
  return phase === 'call' ? '' : ` (during ${phase})`;
}

export function line(e: RunnerEvent): string | undefined {
  switch (e.type) {
    case 'start-response': {
      const args = [
        ...e.args.map((a) => pyRepr(a, 200)),
        ...Object.entries(e.kwargs).map(([k, v]) => `${k}=${pyRepr(v, 80)}`),
      ];
      const result =
        e.result === 'ok' ? '' : ` -> ${e.result === 'reraised' ? 're-raised exc_info' : 'refused (second call)'}`;
      return `start_response(${args.join(', ')})${during(e.phase)}${result}`;
    }
    case 'write':
      return `write(${pyRepr(e.data, 80)})${during(e.phase)}`;
    case 'return':
      return (
        `returned ` +
        `${describe(e.value, 80)}${e.iterable ? '' : ' (not iterable)'}${e.hasClose ? ', with close()' : ''}`
      );
    case 'len':
      return `len(result) = ${e.value ?? '(raised)'}`;
    case 'item':
      return e.index < ITEMS
        ? `item ${e.index}: ${describe(e.value, 80)}${e.srCalled ? '' : ' (before start_response)'}`
        : undefined;
    case 'iter-end':
      return `iteration ${e.reason}: ${e.items} item${e.items === 1 ? '' : 's'}, ${e.bytes} bytes`;
    case 'input':
      return `wsgi.input.${e.method}(${e.args.map((a) => pyRepr(a, 40)).join(', ')}) -> ${pyRepr(e.result, 60)}`;
    case 'errors':
      return `wsgi.errors.${e.method}(${e.args.map((a) => pyRepr(a, 60)).join(', ')})`;
    case 'stream-misuse':
      return `wsgi.${e.stream}.${e.name} used (not part of the stream's interface)`;
    case 'file-wrapper': {
      const args = e.args.map((a) => pyRepr(a, 60)).join(', ');
      return `wsgi.file_wrapper(${args})${e.hasRead ? '' : ' (object has no read())'}`;
    }
    case 'exception':
      return `raised ${e.error.type}: ${e.error.message.split('\n')[0]}${during(e.phase)}`;
    case 'close':
      return `close()${e.ok ? '' : ' raised'}`;
    default:
      return undefined;
  }
}

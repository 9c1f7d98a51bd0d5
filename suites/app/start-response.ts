/** PEP 3333, The start_response() Callable: how the application calls it, and the status it passes. */
import { CallTrace } from '../../harness/trace.js';
import { breachesOf, type Breach } from '../../spec/schemas/issue.js';
import { HeadersSchema } from '../../spec/schemas/headers.js';
import { StatusSchema } from '../../spec/schemas/status.js';
import { pyRepr } from '../../spec/schemas/values.js';
import { defineCases } from '../case.js';

/** Runs a schema over an argument of every start_response call; null if none was made. */
const eachCall =
  (arg: number, kw: string, schema: typeof StatusSchema) =>
  (call: CallTrace): Breach[] | null => {
    const calls = call.startResponses;
    if (!calls.length) return null;
    return calls.flatMap((sr) => {
      const value = sr.args[arg] ?? sr.kwargs[kw];
      return value ? breachesOf(schema, value, calls.length > 1 ? `start_response call ${sr.seq + 1}` : '') : [];
    });
  };

export const startResponseCases = defineCases([
  {
    id: 'start-response-called-positionally',
    rules: ['start-response-positional-call'],
    description:
      'The application passes status, response_headers and exc_info to start_response as positional arguments.',
    check: (call) => {
      if (!call.startResponses.length) return null;
      return call.startResponses.flatMap((sr): Breach[] => {
        const kw = Object.keys(sr.kwargs);
        if (kw.length)
          return [
            {
              rule: 'start-response-positional-call',
              message: `start_response was called with keyword argument${kw.length > 1 ? 's' : ''} ${kw.join(', ')}`,
              expected: 'start_response(status, headers) with positional arguments',
            },
          ];
        if (sr.args.length < 2 || sr.args.length > 3)
          return [
            {
              rule: 'start-response-positional-call',
              message: `start_response was called with ${sr.args.length} positional argument(s)`,
              expected: 'two arguments, or three with exc_info',
            },
          ];
        return [];
      });
    },
  },
  {
    id: 'start-response-before-body',
    rules: ['start-response-before-body'],
    description: 'start_response is called before the iterable yields its first non-empty body bytestring.',
    check: (call) => {
      const early = call.of('item').find((item) => !item.srCalled && (item.value.n ?? 1) > 0);
      if (early)
        return [
          {
            rule: 'start-response-before-body',
            message: `body chunk ${early.index} (${pyRepr(early.value)}) was yielded before start_response was called`,
            expected: 'start_response(status, headers) before the first body bytes',
          },
        ];
      // A gateway that stops after empty items never gives the app the chance to call it.
      const stopped = call.first('iter-end')?.reason === 'stopped';
      if (!call.startResponses.length && call.completed && !call.raised && call.returned && !stopped) {
        return [
          {
            rule: 'start-response-before-body',
            message: 'the application returned a body without ever calling start_response',
            expected: 'start_response(status, headers) before the first body bytes',
          },
        ];
      }
      return call.startResponses.length || call.of('item').length ? [] : null;
    },
  },
  {
    id: 'start-response-once-without-exc-info',
    rules: ['start-response-once'],
    description: 'start_response is called at most once per request unless exc_info is given.',
    check: (call) => {
      if (!call.startResponses.length) return null;
      return call.startResponses
        .filter((sr) => sr.seq > 0 && !CallTrace.excInfo(sr))
        .map((sr) => ({
          rule: 'start-response-once',
          message:
            `start_response was called a ${ordinal(sr.seq + 1)} time without exc_info (status ` +
            `${sr.args[0] ? pyRepr(sr.args[0]) : '?'})`,
          expected: 'one call, or later calls only with exc_info from an error handler',
        }));
    },
  },
  {
    id: 'status-string',
    rules: ['status-native-str', 'status-format', 'status-code-only', 'status-no-control-chars', 'status-latin1'],
    description:
      'The status is a native str of a three-digit code, one space and a reason phrase, latin-1 only, without ' +
      'control characters.',
    check: eachCall(0, 'status', StatusSchema),
  },
  {
    id: 'response-headers',
    rules: [
      'headers-list-type',
      'headers-tuple-items',
      'headers-str-types',
      'headers-name-token',
      'headers-value-no-ctl',
      'headers-latin1',
      'headers-no-hop-by-hop',
    ],
    description:
      'response_headers is a list of (name, value) tuples of latin-1 str: token names, values without control ' +
      'characters, no hop-by-hop headers.',
    check: eachCall(1, 'response_headers', HeadersSchema),
  },
]);

export { eachCall };

function ordinal(n: number): string {
  return n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}

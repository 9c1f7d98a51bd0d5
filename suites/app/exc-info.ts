/** PEP 3333, The start_response() Callable and Error Handling: passing exc_info. */
import { CallTrace } from '../../harness/trace.js';
import { ExcInfoSchema } from '../../spec/schemas/exc-info.js';
import { breachesOf, type Breach } from '../../spec/schemas/issue.js';
import { pyRepr } from '../../spec/schemas/values.js';
import { defineCases } from '../case.js';

const withExcInfo = (call: CallTrace) => call.startResponses.filter((sr) => CallTrace.excInfo(sr));

/** Events after which a swallowed start_response error has visibly been trapped. */
const MOVED_ON = new Set(['return', 'item', 'write', 'iter-end', 'close', 'start-response']);

export const excInfoCases = defineCases([
  {
    id: 'exc-info-is-exc-info-tuple',
    rules: ['exc-info-tuple'],
    description: 'exc_info, when given, is the (type, value, traceback) tuple of sys.exc_info().',
    check: (call) => {
      const calls = withExcInfo(call);
      return calls.length ? calls.flatMap((sr) => breachesOf(ExcInfoSchema, CallTrace.excInfo(sr))) : null;
    },
  },
  {
    id: 'exc-info-from-error-handler',
    rules: ['exc-info-only-in-error-handler'],
    description: 'start_response receives exc_info only from inside an error handler.',
    check: (call) => {
      const calls = withExcInfo(call);
      if (!calls.length) return null;
      return calls
        .filter((sr) => sr.handling === null)
        .map((sr) => ({
          rule: 'exc-info-only-in-error-handler',
          message:
            `start_response(${sr.args[0] ? pyRepr(sr.args[0]) : '...'}, ..., exc_info) was called while no ` +
            `exception was being handled`,
          expected: 'exc_info passed only from an except block handling that error',
        }));
    },
  },
  {
    id: 'exc-info-error-propagates',
    rules: ['exc-info-app-no-trap'],
    description: 'When start_response called with exc_info raises, the exception propagates out of the application.',
    check: (call) => {
      const raised = call.events.findIndex((e) => e.type === 'start-response' && e.result === 'reraised');
      if (raised < 0) return null;
      const next = call.events.slice(raised + 1).find((e) => e.type === 'exception' || MOVED_ON.has(e.type));
      if (next?.type === 'exception' && next.fromGateway) return [];
      const what =
        next?.type === 'exception'
          ? `raised an unrelated ${next.error.type} instead`
          : next
            ? `carried on (${next.type}) as if nothing happened`
            : 'swallowed it';
      const breach: Breach = {
        rule: 'exc-info-app-no-trap',
        message:
          `start_response(..., exc_info) re-raised the original error (the headers were already sent) and the ` +
          `application ${what}`,
        expected: 'let what start_response raises propagate to the server',
      };
      return [breach];
    },
  },
]);

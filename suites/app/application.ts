/**
 * PEP 3333, The Application/Framework Side, Specification Details, environ Variables,
 * Error Handling and Q&A 7: how the application can be invoked.
 */
import type { CallTrace } from '../../harness/trace.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { defineCases } from '../case.js';
import { ORDINARY } from './scenarios.js';

/** The application's own exception out of the call or iteration (not the gateway's, not a bad signature). */
const ownError = (call: CallTrace) =>
  call.exceptions.find((e) => !e.fromGateway && !e.atCallSite && e.phase !== 'close');

/** How a call ended, for comparing two calls of the same request. */
function verdict(call: CallTrace | undefined): string | undefined {
  if (!call?.completed || call.exceptions.some((e) => e.atCallSite)) return undefined;
  const own = ownError(call);
  if (own) return `raised ${own.error.type}: ${own.error.message}`;
  const sr = call.startResponses.at(-1)?.args[0];
  const empty = (call.first('iter-end')?.bytes ?? 0) === 0 && !call.of('write').some((w) => (w.data.n ?? 0) > 0);
  return `answered ${sr?.v?.slice(0, 3) ?? 'without a status'}${empty ? ' with an empty body' : ''}`;
}

/**
 * Compares a later call of GET / with the first one. For anything but plain repetition the
 * comparison only counts when repetition itself is reliable (get-again behaves like get), so
 * a non-repeatable app is reported once, under env-call-repeatable.
 */
function sameAs(rule: string, later: string, what: string) {
  return (calls: ReadonlyMap<string, CallTrace>): Breach[] | null => {
    const first = verdict(calls.get('get'));
    const again = verdict(calls.get(later));
    if (!first || !again) return null;
    if (later !== 'get-again' && verdict(calls.get('get-again')) !== first) return null;
    const broke =
      first.startsWith('answered') &&
      (again.startsWith('raised') ||
        (!/ 5/.test(first) && / 5\d\d/.test(again)) ||
        (!first.endsWith('empty body') && again.endsWith('empty body')));
    if (!broke) return [];
    return [
      {
        rule,
        message: `GET / first ${first}; ${what} it ${again}`,
        expected: 'the same behaviour for the same request',
      },
    ];
  };
}

export const applicationCases = defineCases([
  {
    id: 'app-called-with-two-positional-args',
    rules: ['env-call-app-signature'],
    description: 'The application accepts two positional arguments, environ and start_response.',
    check: (call) => {
      if (!call.completed) return null;
      const bad = call.exceptions.find((e) => e.atCallSite);
      return bad
        ? [
            {
              rule: 'env-call-app-signature',
              message: `calling application(environ, start_response) raised ${bad.error.type}: ${bad.error.message}`,
              expected: 'def application(environ, start_response)',
            },
          ]
        : [];
    },
  },
  {
    id: 'app-invocable-repeatedly',
    rules: ['env-call-repeatable'],
    description: 'The application object can be invoked more than once and answers the same request the same way.',
    across: sameAs('env-call-repeatable', 'get-again', 'the next time'),
  },
  {
    id: 'app-accepts-any-start-response-callable',
    rules: ['env-call-no-introspection'],
    description:
      'The application behaves the same whatever kind of callable start_response is (function or callable object).',
    across: sameAs('env-call-no-introspection', 'callable-object', 'with start_response as a callable object'),
  },
  {
    id: 'app-copes-with-minimal-environ',
    rules: ['env-app-check-vars'],
    description:
      'An application that answers GET / also answers when the environ holds only the keys PEP 3333 requires.',
    across: (calls) => {
      const minimal = calls.get('minimal');
      const get = verdict(calls.get('get'));
      const min = verdict(minimal);
      if (!minimal || !get?.startsWith('answered') || !min) return null;
      const own = ownError(minimal);
      const expected =
        'environ.get() with a fallback for optional keys (QUERY_STRING, CONTENT_LENGTH, PATH_INFO, HTTP_*...)';
      if (own) {
        const raised = `${own.error.type}: ${own.error.message}`;
        return [
          {
            rule: 'env-app-check-vars',
            message: `with only the required environ keys the application raised ${raised}`,
            expected,
          },
        ];
      }
      // An app (or framework) that catches its own KeyError still has no fallback: it answers 5xx.
      if (!/ 5/.test(get) && / 5\d\d/.test(min))
        return [
          {
            rule: 'env-app-check-vars',
            message: `with only the required environ keys the application ${min} where GET / ${get}`,
            expected,
          },
        ];
      return [];
    },
  },
  {
    id: 'app-survives-run-once',
    rules: ['env-run-once-no-assume'],
    description: 'After a call with wsgi.run_once true the application still answers further calls.',
    across: sameAs('env-run-once-no-assume', 'after-run-once', 'after a wsgi.run_once call'),
  },
  {
    id: 'app-traps-own-errors',
    rules: ['exc-app-trap-own-errors'],
    description: 'The application answers ordinary requests without letting exceptions escape.',
    scenarios: ORDINARY,
    check: (call) => {
      if (!call.completed) return null;
      const own = call.exceptions.find((e) => !e.fromGateway && !e.atCallSite);
      // A wrapper given a non-file fails when iterated: file-wrapper-filelike-read already says why.
      if (!own || call.of('file-wrapper').some((f) => !f.hasRead)) return [];
      const where =
        own.phase === 'call'
          ? 'the call'
          : own.phase === 'close'
            ? 'close()'
            : own.phase === 'len'
              ? 'len()'
              : 'iteration';
      const last = own.error.traceback.trim().split('\n').slice(-3, -1).join(' | ').replace(/\s+/g, ' ');
      return [
        {
          rule: 'exc-app-trap-own-errors',
          message: `${own.error.type}: ${own.error.message} escaped from ${where}${last ? ` (${last.trim()})` : ''}`,
          expected: 'trap internal errors and answer with an error page',
        },
      ];
    },
  },
]);

/** PEP 3333, Specification Details and The write() Callable: iterating, closing, write(). */
import { header } from '../../harness/server/exchange.js';
import { defineServerCases, breach, NO_WRITE_SKIP } from './case.js';

const closed = (facts: Array<{ ev: string }>) => facts.some((f) => f.ev === 'close');

export const bodyServerCases = defineServerCases([
  {
    id: 'close-after-success',
    rules: ['close-called'],
    description: 'The server calls close() on the returned iterable when the request completes.',
    request: { scenario: 'close' },
    awaitFacts: closed,
    check: ({ ex, facts }) =>
      ex.status !== 200
        ? null
        : closed(facts)
          ? []
          : [
              breach(
                'close-called',
                'close() of the returned iterable was not called within the grace period',
                'close() called once the response is done',
              ),
            ],
  },
  {
    id: 'close-after-iteration-error',
    rules: ['close-on-error'],
    description: 'The server calls close() even when iterating the body raised.',
    request: { scenario: 'close-error' },
    abortExpected: true,
    awaitFacts: closed,
    check: ({ facts }) =>
      !facts.some((f) => f.ev === 'iteration-raised')
        ? null
        : closed(facts)
          ? []
          : [
              breach(
                'close-on-error',
                'iteration raised and close() was never called',
                'close() called whatever ended the request',
              ),
            ],
  },
  {
    id: 'lazy-start-response',
    rules: ['start-response-lazy-allowed'],
    description: 'A generator that calls start_response on its first iteration gets its status, headers and body sent.',
    request: { scenario: 'lazy' },
    check: ({ ex }) => {
      if (ex.error)
        return [
          breach(
            'start-response-lazy-allowed',
            `no response: ${ex.error}`,
            'the server iterates before assuming start_response was called',
          ),
        ];
      return ex.status === 200 && header(ex, 'X-Probe-Lazy').length && ex.body.toString() === 'lazy body'
        ? []
        : [
            breach(
              'start-response-lazy-allowed',
              `the server answered ${ex.status} ${JSON.stringify(ex.body.toString('latin1').slice(0, 80))}`,
              "200, X-Probe-Lazy and 'lazy body'",
            ),
          ];
    },
  },
  {
    id: 'write-before-iterable',
    rules: ['write-then-iterable-order', 'write-same-as-yield'],
    description: 'Data passed to write() is sent like yielded data, before the data of the returned iterable.',
    request: { scenario: 'write' },
    check: ({ ex }) => {
      if (ex.error || ex.status !== 200) return null;
      const body = ex.body.toString('latin1');
      if (body === 'no-write-callable') {
        return { skip: NO_WRITE_SKIP };
      }
      if (body === 'written-yielded') return [];
      const rule = body.includes('written-') ? 'write-then-iterable-order' : 'write-same-as-yield';
      return [
        breach(rule, `the body is ${JSON.stringify(body)}`, "'written-yielded': write() data, then the iterable's"),
      ];
    },
  },
  {
    id: 'environ-mutation-tolerated',
    rules: ['env-app-may-mutate'],
    description: 'The server answers normally after the application cleared environ.',
    request: { scenario: 'mutate-environ' },
    noAnswerIsBreach: 'env-app-may-mutate',
    check: ({ ex }) =>
      ex.status === 200 && ex.body.toString() === 'mutated'
        ? []
        : [
            breach(
              'env-app-may-mutate',
              ex.error
                ? `no response after the application cleared environ: ${ex.error}`
                : `the server answered ${ex.status} ${JSON.stringify(ex.body.toString('latin1').slice(0, 60))}`,
              "200 'mutated': the server must not need environ after handing it over",
            ),
          ],
  },
]);

/** PEP 3333, Input and Error Streams: how the application uses wsgi.input and wsgi.errors. */
import { describe } from '../../spec/schemas/values.js';
import { defineCases } from '../case.js';

export const streamCases = defineCases([
  {
    id: 'input-read-within-content-length',
    rules: ['input-app-respect-content-length'],
    description: 'The application does not ask wsgi.input for more than CONTENT_LENGTH bytes.',
    scenarios: ['post', 'post-empty'],
    check: (call) => {
      const reads = call.of('input').filter((e) => e.remaining !== null);
      if (!reads.length) return null;
      const over = reads.find((e) => {
        const size = e.method === 'read' && e.args[0]?.t === 'int' ? Number(e.args[0].r) : -1;
        return e.remaining !== null && size > e.remaining;
      });
      return over
        ? [
            {
              rule: 'input-app-respect-content-length',
              message:
                `wsgi.input.read(${over.args[0]?.r}) was called ` +
                `with ${over.remaining} of CONTENT_LENGTH bytes left`,
              expected: 'read at most int(environ["CONTENT_LENGTH"]) bytes in all',
            },
          ]
        : [];
    },
  },
  {
    id: 'streams-listed-methods-only',
    rules: ['input-app-listed-methods-only'],
    description:
      'The application uses only read, readline, readlines and iteration of wsgi.input, and only write, ' +
      'writelines and flush of wsgi.errors.',
    check: (call) => {
      const misuse = call.of('stream-misuse').filter((e) => e.name !== 'close');
      return misuse.slice(0, 3).map((e) => ({
        rule: 'input-app-listed-methods-only',
        message: `the application used wsgi.${e.stream}.${e.name}`,
        expected:
          e.stream === 'input'
            ? 'only read(), readline(), readlines() and iteration'
            : 'only write(), writelines() and flush()',
      }));
    },
  },
  {
    id: 'streams-not-closed',
    rules: ['input-app-no-close'],
    description: 'The application never closes wsgi.input or wsgi.errors.',
    check: (call) =>
      call
        .of('stream-misuse')
        .filter((e) => e.name === 'close')
        .slice(0, 1)
        .map((e) => ({
          rule: 'input-app-no-close',
          message: `the application called wsgi.${e.stream}.close()`,
          expected: 'leave the streams open: the server owns them',
        })),
  },
  {
    id: 'errors-written-as-str',
    rules: ['errors-app-writes-str'],
    description: 'The application writes str to wsgi.errors (write) and an iterable of str (writelines).',
    check: (call) => {
      const uses = call.of('errors').filter((e) => e.method !== 'flush');
      if (!uses.length) return null;
      return uses
        .flatMap((e) => {
          const values = e.method === 'writelines' ? (e.args[0]?.items ?? []) : e.args.slice(0, 1);
          const bad = values.find((v) => v.t !== 'str');
          return bad
            ? [
                {
                  rule: 'errors-app-writes-str',
                  message: `wsgi.errors.${e.method}() was given ${describe(bad)}`,
                  expected: 'str (wsgi.errors is a text stream)',
                },
              ]
            : [];
        })
        .slice(0, 3);
    },
  },
]);

/** PEP 3333, Specification Details and Handling the Content-Length Header: the returned iterable. */
import { HeadersSchema } from '../../spec/schemas/headers.js';
import { describe } from '../../spec/schemas/values.js';
import { defineCases } from '../case.js';
import { eachCall } from './start-response.js';

const BARE = new Set(['str', 'bytes', 'bytearray', 'NoneType']);

export const bodyCases = defineCases([
  {
    id: 'body-is-iterable',
    rules: ['body-iterable'],
    description:
      'The application returns an iterable of bytestrings (a list, a generator, an iterable object), never a bare ' +
      'str, bytes or None.',
    check: (call) => {
      const ret = call.returned;
      if (!ret) return null;
      if (call.of('write').length && ret.value.t === 'NoneType') return []; // write-still-return-iterable says it
      if (BARE.has(ret.value.t) || !ret.iterable) {
        const why =
          ret.value.t === 'bytes'
            ? ' (iterating bytes yields ints on Python 3)'
            : ret.value.t === 'str'
              ? ' (iterating it yields one-character strs)'
              : '';
        return [
          {
            rule: 'body-iterable',
            message: `the application returned ${describe(ret.value)}${why}`,
            expected: 'an iterable of bytes, e.g. [body]',
          },
        ];
      }
      return [];
    },
  },
  {
    id: 'body-items-are-bytes',
    rules: ['body-items-bytes'],
    description: 'Every item the body iterable yields is of type bytes.',
    check: (call) => {
      const items = call.of('item');
      if (!items.length) return null;
      return items
        .filter((item) => item.value.t !== 'bytes')
        .slice(0, 3)
        .map((item) => ({
          rule: 'body-items-bytes',
          message: `body chunk ${item.index} is ${describe(item.value)}`,
          expected: 'bytes (encode text, e.g. "Hello".encode("utf-8"))',
        }));
    },
  },
  {
    id: 'body-len-is-accurate',
    rules: ['body-len-accurate'],
    description: 'When len() of the returned iterable succeeds, it equals the number of items the iterable yields.',
    check: (call) => {
      const len = call.first('len');
      const end = call.first('iter-end');
      if (len?.value === undefined || end?.reason !== 'exhausted') return null;
      return len.value === end.items
        ? []
        : [
            {
              rule: 'body-len-accurate',
              message: `len() of the iterable is ${len.value} but it yielded ${end.items} item(s)`,
              expected: 'len(iterable) equal to the number of items (servers use it to set Content-Length)',
            },
          ];
    },
  },
  {
    id: 'body-tolerates-early-close',
    rules: ['body-may-be-closed-early'],
    description: 'The iterable can be closed before it is exhausted without raising.',
    scenarios: ['early-stop'],
    check: (call) => {
      const end = call.first('iter-end');
      if (end?.reason !== 'stopped' || !call.returned?.hasClose) return null;
      const failed = call.exceptions.find((e) => e.phase === 'close');
      if (!failed) return [];
      const raised = `${failed.error.type}: ${failed.error.message}`;
      return [
        {
          rule: 'body-may-be-closed-early',
          message: `close() after the gateway stopped at item 1 raised ${raised}`,
          expected: 'close() works whether or not the iterable was exhausted',
        },
      ];
    },
  },
  {
    id: 'body-no-transfer-encoding',
    rules: ['body-app-no-transfer-encoding'],
    description: 'The application applies no Transfer-Encoding of its own.',
    check: eachCall(1, 'response_headers', HeadersSchema),
  },
]);

/** PEP 3333, The write() Callable. */
import { describe } from '../../spec/schemas/values.js';
import { defineCases } from '../case.js';

export const writeCases = defineCases([
  {
    id: 'write-given-bytes',
    rules: ['write-arg-bytes'],
    description: 'write() is called with exactly one bytes argument.',
    check: (call) => {
      const writes = call.of('write');
      if (!writes.length) return null;
      return writes
        .filter((w) => w.data.t !== 'bytes')
        .slice(0, 3)
        .map((w) => ({
          rule: 'write-arg-bytes',
          message: `write() was given ${describe(w.data)}`,
          expected: 'one bytes argument',
        }));
    },
  },
  {
    id: 'write-then-return-iterable',
    rules: ['write-still-return-iterable'],
    description: 'An application that used write() still returns an iterable (possibly empty).',
    check: (call) => {
      const ret = call.returned;
      if (!call.of('write').length || !ret) return null;
      return ret.iterable && ret.value.t !== 'NoneType'
        ? []
        : [
            {
              rule: 'write-still-return-iterable',
              message: `after using write() the application returned ${describe(ret.value)}`,
              expected: 'return an iterable, e.g. [] when write() sent the whole body',
            },
          ];
    },
  },
  {
    id: 'write-not-from-iterable',
    rules: ['write-not-inside-iterable'],
    description: 'write() is never called from within the returned iterable.',
    check: (call) => {
      const writes = call.of('write');
      if (!writes.length) return null;
      const inside = writes.find((w) => w.phase !== 'call');
      return inside
        ? [
            {
              rule: 'write-not-inside-iterable',
              message:
                `write() was called while the gateway was ${inside.phase === 'close' ? 'closing' : 'iterating'} the ` +
                `returned iterable`,
              expected: 'yield the data instead of writing it from the iterable',
            },
          ]
        : [];
    },
  },
  {
    id: 'write-avoided',
    rules: ['write-discouraged'],
    description: 'The application returns its body instead of pushing it through the write() callable.',
    check: (call) => {
      if (!call.returned && !call.of('write').length) return null;
      const n = call.of('write').length;
      return n
        ? [
            {
              rule: 'write-discouraged',
              message: `the application pushed its body through write() (${n} call${n > 1 ? 's' : ''})`,
              expected: 'return an iterable of bytes; write() exists for legacy frameworks',
            },
          ]
        : [];
    },
  },
]);

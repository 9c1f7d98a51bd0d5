/** The wsgi.input model (spec/model/input.ts) as tables: what each call returns, and each departure's rule. */
import { describe, expect, it } from 'vitest';
import type { TypedValue } from '../typed-value.js';
import { checkInput, expectedInput, type InputOp, type ObservedOp, opText, reachesEnd } from './input.js';

const b = (v: string): TypedValue => ({ t: 'bytes', v });
const list = (...v: string[]): TypedValue => ({ t: 'list', items: v.map(b) });

describe('expectedInput()', () => {
  it.each([
    ['read() takes all', 'abc', [{ op: 'read' }, { op: 'read' }], ['abc', '']],
    ['read(-1) takes all', 'abc', [{ op: 'read', size: -1 }], ['abc']],
    [
      'read(n) past the end stops there',
      'abc',
      [
        { op: 'read', size: 2 },
        { op: 'read', size: 5 },
      ],
      ['ab', 'c'],
    ],
    ['read(0)', 'abc', [{ op: 'read', size: 0 }, { op: 'read' }], ['', 'abc']],
    [
      'readline() up to the newline',
      'a\nb',
      [{ op: 'readline' }, { op: 'readline' }, { op: 'readline' }],
      ['a\n', 'b', ''],
    ],
    [
      'readline(n) at most n',
      'abc\nd',
      [
        { op: 'readline', size: 2 },
        { op: 'readline', size: 9 },
      ],
      ['ab', 'c\n'],
    ],
    ['readline(-1) the whole line', 'ab\nc', [{ op: 'readline', size: -1 }], ['ab\n']],
    [
      'readlines() the rest, by line',
      'x\n\ny',
      [{ op: 'read', size: 1 }, { op: 'readlines' }, { op: 'read' }],
      ['x', ['\n', '\n', 'y'], ''],
    ],
    ['iteration the rest, by line', 'a\nb\n', [{ op: 'iter' }], [['a\n', 'b\n']]],
    ['nothing to read', '', [{ op: 'readlines' }, { op: 'readline' }], [[], '']],
    ['readline() on a line that is only a newline', '\nab', [{ op: 'readline' }, { op: 'read' }], ['\n', 'ab']],
    ['readline(0) reads nothing', 'ab\ncd', [{ op: 'readline', size: 0 }, { op: 'read' }], ['', 'ab\ncd']],
    ['readline(-1) is no limit', 'ab\ncd', [{ op: 'readline', size: -1 }, { op: 'read' }], ['ab\n', 'cd']],
  ] as Array<[string, string, InputOp[], unknown[]]>)('%s', (_, body, ops, values) => {
    expect(expectedInput(body, ops)).toEqual(values);
  });
});

describe('reachesEnd() and opText()', () => {
  it.each([
    [{ op: 'readlines' }, 'a\nb', true],
    [{ op: 'iter' }, 'a', true],
    [{ op: 'read' }, 'abc', true],
    [{ op: 'read', size: 3 }, 'abc', true],
    [{ op: 'read', size: 2 }, 'abc', false],
    [{ op: 'readline' }, 'abc', true],
    [{ op: 'readline', size: 3 }, 'abc', true],
    [{ op: 'readline', size: 2 }, 'abc', false],
    [{ op: 'readline' }, 'a\nbc', false],
    [{ op: 'readline' }, '\nbc', false],
    [{ op: 'iter' }, 'a\nb', true],
    [{ op: 'read' }, 'a\nb', true],
  ] as Array<[InputOp, string, boolean]>)('%j on %j: %s', (op, rest, end) => {
    expect(reachesEnd(op, rest)).toBe(end);
  });

  it('spells an op as X-Probe-Ops does', () => {
    expect(
      [{ op: 'read', size: 3 }, { op: 'read' }, { op: 'readline', size: 0 }, { op: 'iter' }].map((o) =>
        opText(o as InputOp),
      ),
    ).toEqual(['read:3', 'read', 'readline:0', 'iter']);
  });
});

describe('checkInput()', () => {
  const one = (body: string, op: InputOp, seen?: ObservedOp) => checkInput(body, [op], seen ? [seen] : []);
  it.each([
    [
      'no observation',
      'ab',
      { op: 'read', size: 1 },
      undefined,
      { rule: 'input-semantics', expected: 'read(1) call 1 to return b"a"', actual: 'the probe did not get to it' },
    ],
    [
      'blocked at the end',
      'ab',
      { op: 'read' },
      { op: 'read', blocked: true },
      {
        rule: 'input-eof-at-content-length',
        expected: 'read() call 1 to return b"ab" at once',
        actual: 'it blocked (no end of input simulated at the end of the body)',
      },
    ],
    [
      'blocked before the end',
      'ab',
      { op: 'read', size: 1 },
      { op: 'read', blocked: true },
      {
        rule: 'input-semantics',
        expected: 'read(1) call 1 to return b"a" at once',
        actual: 'it blocked (no end of input simulated at the end of the body)',
      },
    ],
    [
      'readline(size) refused',
      'ab',
      { op: 'readline', size: 1 },
      { op: 'readline', error: { type: 'TypeError', message: 'no size' } },
      {
        rule: 'input-readline-size',
        expected: 'readline(1) call 1 to return b"a"',
        actual: 'raised TypeError: no size',
      },
    ],
    [
      'read() raising: read() with no argument must work',
      'ab',
      { op: 'read' },
      { op: 'read', error: { type: 'TypeError', message: 'x' } },
      { rule: 'input-read-no-arg', expected: 'read() call 1 to return b"ab"', actual: 'raised TypeError: x' },
    ],
    [
      'read(size) raising TypeError is no readline fault',
      'ab',
      { op: 'read', size: 1 },
      { op: 'read', error: { type: 'TypeError', message: 'x' } },
      { rule: 'input-semantics', expected: 'read(1) call 1 to return b"a"', actual: 'raised TypeError: x' },
    ],
    [
      'a list holding bytes and a str',
      'a\nb',
      { op: 'readlines' },
      { op: 'readlines', value: { t: 'list', items: [b('a\n'), { t: 'str', v: 'b' }] } },
      {
        rule: 'input-returns-bytes',
        expected: 'readlines() call 1 to return bytes',
        actual: 'it returned a list of bytes/str',
      },
    ],
    [
      'readlines() of an empty body is no line at all',
      '',
      { op: 'readlines' },
      { op: 'readlines', value: list('') },
      { rule: 'input-semantics', expected: 'readlines() call 1 to return []', actual: 'it returned [b""]' },
    ],
    [
      'read() answered with a list of bytes',
      'ab',
      { op: 'read' },
      { op: 'read', value: list('ab') },
      { rule: 'input-read-no-arg', expected: 'read() call 1 to return b"ab"', actual: 'it returned [b"ab"]' },
    ],
    [
      'readline(size) failing otherwise',
      'ab',
      { op: 'readline', size: 1 },
      { op: 'readline', error: { type: 'OSError', message: 'x' } },
      { rule: 'input-readline-size', expected: 'readline(1) call 1 to return b"a"', actual: 'raised OSError: x' },
    ],
    [
      'readline() raising TypeError',
      'ab',
      { op: 'readline' },
      { op: 'readline', error: { type: 'TypeError', message: 'x' } },
      { rule: 'input-semantics', expected: 'readline() call 1 to return b"ab"', actual: 'raised TypeError: x' },
    ],
    [
      'read() failing',
      'ab',
      { op: 'read' },
      { op: 'read', error: { type: 'TypeError', message: 'x' } },
      { rule: 'input-read-no-arg', expected: 'read() call 1 to return b"ab"', actual: 'raised TypeError: x' },
    ],
    [
      'iteration failing',
      'a\nb',
      { op: 'iter' },
      { op: 'iter', error: { type: 'TypeError', message: 'x' } },
      { rule: 'input-iter-lines', expected: 'iter() call 1 to return [b"a\\n", b"b"]', actual: 'raised TypeError: x' },
    ],
    [
      'str, not bytes',
      'ab',
      { op: 'read' },
      { op: 'read', value: { t: 'str', v: 'ab' } },
      { rule: 'input-returns-bytes', expected: 'read() call 1 to return bytes', actual: 'it returned str' },
    ],
    [
      'no value at all',
      'ab',
      { op: 'read' },
      { op: 'read' },
      { rule: 'input-returns-bytes', expected: 'read() call 1 to return bytes', actual: 'it returned NoneType' },
    ],
    [
      'a list of str and int',
      'a\nb',
      { op: 'readlines' },
      {
        op: 'readlines',
        value: {
          t: 'list',
          items: [
            { t: 'str', v: 'a' },
            { t: 'int', r: '1' },
            { t: 'str', v: 'b' },
          ],
        },
      },
      {
        rule: 'input-returns-bytes',
        expected: 'readlines() call 1 to return bytes',
        actual: 'it returned a list of str/int',
      },
    ],
    [
      'a cut-off list',
      'a\nb',
      { op: 'readlines' },
      { op: 'readlines', value: { ...list('a\n'), trunc: true } },
      {
        rule: 'input-returns-bytes',
        expected: 'readlines() call 1 to return bytes',
        actual: 'it returned a list of bytes',
      },
    ],
    [
      'a wrong line list',
      'a\nb',
      { op: 'readlines' },
      { op: 'readlines', value: list('a\nb') },
      {
        rule: 'input-semantics',
        expected: 'readlines() call 1 to return [b"a\\n", b"b"]',
        actual: 'it returned [b"a\\nb"]',
      },
    ],
    [
      'one line too many',
      'a\nb',
      { op: 'iter' },
      { op: 'iter', value: list('a\n', 'b', '') },
      {
        rule: 'input-iter-lines',
        expected: 'iter() call 1 to return [b"a\\n", b"b"]',
        actual: 'it returned [b"a\\n", b"b", b""]',
      },
    ],
    [
      'lines split elsewhere',
      'a\nb',
      { op: 'iter' },
      { op: 'iter', value: list('a', '\nb') },
      {
        rule: 'input-iter-lines',
        expected: 'iter() call 1 to return [b"a\\n", b"b"]',
        actual: 'it returned [b"a", b"\\nb"]',
      },
    ],
    [
      'too little',
      'abc',
      { op: 'read', size: 2 },
      { op: 'read', value: b('a') },
      { rule: 'input-semantics', expected: 'read(2) call 1 to return b"ab"', actual: 'it returned b"a"' },
    ],
    [
      'more than asked, inside the body',
      'abc',
      { op: 'read', size: 2 },
      { op: 'read', value: b('abc') },
      { rule: 'input-semantics', expected: 'read(2) call 1 to return b"ab"', actual: 'it returned b"abc"' },
    ],
    [
      'past the end of the body',
      'ab',
      { op: 'read' },
      { op: 'read', value: b('abX') },
      { rule: 'input-eof-at-content-length', expected: 'read() call 1 to return b"ab"', actual: 'it returned b"abX"' },
    ],
    [
      'other bytes of the same length at the end',
      'ab',
      { op: 'read' },
      { op: 'read', value: b('aX') },
      { rule: 'input-read-no-arg', expected: 'read() call 1 to return b"ab"', actual: 'it returned b"aX"' },
    ],
    [
      'past the end, not starting with the body',
      'ab',
      { op: 'read' },
      { op: 'read', value: b('Xab') },
      { rule: 'input-read-no-arg', expected: 'read() call 1 to return b"ab"', actual: 'it returned b"Xab"' },
    ],
    [
      'readline(size) too long',
      'abc',
      { op: 'readline', size: 1 },
      { op: 'readline', value: b('ab') },
      { rule: 'input-readline-size', expected: 'readline(1) call 1 to return b"a"', actual: 'it returned b"ab"' },
    ],
  ] as Array<[string, string, InputOp, ObservedOp | undefined, object]>)('%s', (_, body, op, seen, violation) => {
    expect(one(body, op, seen)).toEqual([violation]);
  });

  it('after readlines() the body is used up: a read(1) that blocks there is an EOF fault', () => {
    const ops: InputOp[] = [{ op: 'readlines' }, { op: 'read', size: 1 }];
    expect(
      checkInput('a\nb\n', ops, [
        { op: 'readlines', value: list('a\n', 'b\n') },
        { op: 'read', blocked: true },
      ]).map((v) => v.rule),
    ).toEqual(['input-eof-at-content-length']);
  });

  it('judges the first departure only, counting each call', () => {
    const ops: InputOp[] = [{ op: 'read', size: 1 }, { op: 'readline' }, { op: 'read' }];
    const seen: ObservedOp[] = [
      { op: 'read', value: b('a') },
      { op: 'readline', value: b('b\n') },
      { op: 'read', value: b('cX') },
    ];
    expect(checkInput('ab\nc', ops, seen)).toEqual([
      { rule: 'input-eof-at-content-length', expected: 'read() call 3 to return b"c"', actual: 'it returned b"cX"' },
    ]);
    expect(
      checkInput('ab\nc', ops, [
        { op: 'read', value: b('x') },
        { op: 'readline', value: b('zzz') },
      ]),
    ).toHaveLength(1);
    expect(checkInput('ab\nc', ops, seen.slice(0, 2))[0]?.expected).toBe('read() call 3 to return b"c"');
  });
});

/** How a recorded Python value reads in a finding, and the character tests the schemas use. */
import { describe as group, expect, it } from 'vitest';
import type { TypedValue } from '../typed-value.js';
import { charNames, controlChars, describe, isBytesLike, nonLatin1, pyRepr } from './values.js';

const str = (v: string): TypedValue => ({ t: 'str', v });
const bytes = (v: string, t = 'bytes'): TypedValue => ({ t, v });

group('pyRepr() and describe()', () => {
  it.each([
    [str('Hello'), "'Hello'", "str 'Hello'"],
    [str("it's"), '"it\'s"', 'str "it\'s"'],
    [str('say "hi" it\'s'), "'say \"hi\" it\\'s'", "str 'say \"hi\" it\\'s'"],
    [str('a\\b\n\r\t\u0001\u007f é'), "'a\\\\b\\n\\r\\t\\x01\\x7f é'", "str 'a\\\\b\\n\\r\\t\\x01\\x7f é'"],
    [bytes('ok\u00ff~'), "b'ok\\xff~'", "bytes b'ok\\xff~'"],
    [bytes('x', 'bytearray'), "bytearray(b'x')", "bytearray bytearray(b'x')"],
    [bytes('x', 'memoryview'), "memoryview(b'x')", "memoryview memoryview(b'x')"],
    [{ t: 'tuple', items: [str('a')] }, "('a',)", "tuple ('a',)"],
    [{ t: 'tuple', items: [str('a'), { t: 'int', r: '2' }] }, "('a', 2)", "tuple ('a', 2)"],
    [{ t: 'list', items: [bytes('a')], trunc: true }, "[b'a', ...]", "list [b'a', ...]"],
    [{ t: 'list', items: [] }, '[]', 'list []'],
    [{ t: 'int', r: '200' }, '200', 'int 200'],
    [{ t: 'object' }, '<object>', 'object <object>'],
    [{ t: 'str' }, '<str>', 'str <str>'],
    [{ t: 'NoneType', r: 'None' }, 'None', 'None'],
  ] as Array<[TypedValue, string, string]>)('%j', (tv, repr, described) => {
    expect(pyRepr(tv)).toBe(repr);
    expect(describe(tv)).toBe(described);
  });

  it('cuts a long value to the limit, marking the cut', () => {
    expect(pyRepr(str('x'.repeat(100)))).toBe(`'${'x'.repeat(56)}...`);
    expect(pyRepr(str('x'.repeat(100)))).toHaveLength(60);
    expect(pyRepr(str('x'.repeat(8)), 10)).toBe("'xxxxxxxx'");
    expect(pyRepr(str('x'.repeat(9)), 10)).toBe("'xxxxxx...");
    expect(describe(str('x'.repeat(9)), 10)).toBe("str 'xxxxxx...");
  });
});

group('character tests', () => {
  it('finds the characters latin-1 cannot hold', () => {
    expect(nonLatin1('café ÿ')).toEqual([]);
    expect(nonLatin1('5 € Ā 😀')).toEqual(['€', 'Ā', '😀']);
  });

  it('finds C0 controls and DEL, HTAB only when it is not allowed', () => {
    expect(controlChars('a\u0000b\u001fc\u007fd ~\u0080')).toEqual(['\u0000', '\u001f', '\u007f']);
    expect(controlChars('a\tb')).toEqual(['\t']);
    expect(controlChars('a\tb\n', true)).toEqual(['\n']);
  });

  it('names characters as U+XXXX, each once', () => {
    expect(charNames(['\n', '\r', '\n', '€', '😀'])).toBe('U+000A, U+000D, U+20AC, U+1F600');
  });

  it('knows the bytes-like types', () => {
    expect(['bytes', 'bytearray', 'memoryview', 'str', 'list'].map((t) => isBytesLike({ t }))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

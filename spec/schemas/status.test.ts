import { describe, expect, it } from 'vitest';
import { breachesOf } from './issue.js';
import { StatusSchema } from './status.js';

const str = (v: string) => ({ t: 'str', v, n: v.length });
const rulesFor = (tv: object) => breachesOf(StatusSchema, tv).map((f) => f.rule);

describe('StatusSchema', () => {
  it.each(['200 OK', '404 Not Found', '200 ', '599 Custom reason with  two spaces inside', '200 Ça va'])(
    'accepts %j',
    (s) => {
      expect(rulesFor(str(s))).toEqual([]);
    },
  );
  it.each([
    [str('200'), 'status-code-only'],
    [str('200  OK'), 'status-format'],
    [str(' 200 OK'), 'status-format'],
    [str('200 OK '), 'status-format'],
    [str('OK 200'), 'status-format'],
    [str('2000 OK'), 'status-format'],
    [str('200 OK\r\n'), 'status-no-control-chars'],
    [str('200 O\tK'), 'status-no-control-chars'],
    [str('200 ✓'), 'status-latin1'],
    [{ t: 'bytes', v: '200 OK', n: 6 }, 'status-native-str'],
    [{ t: 'int', r: '200' }, 'status-native-str'],
  ])('flags %j as %s, and only that', (tv, rule) => {
    expect(rulesFor(tv)).toEqual([rule]);
  });
  it('names the value and its type in the message', () => {
    expect(breachesOf(StatusSchema, { t: 'int', r: '200' })[0]?.message).toBe('status is int 200');
  });
});

/** A finding says what the status was, and what is expected instead. */
describe('StatusSchema findings', () => {
  it.each([
    [
      { t: 'bytes', v: '200 OK', n: 6 },
      'status-native-str',
      "status is bytes b'200 OK'",
      "a native str such as '200 OK'",
    ],
    [{ t: 'str', n: 6 }, 'status-native-str', 'status is str <str>', "a native str such as '200 OK'"],
    [
      str('200 OK\r\n'),
      'status-no-control-chars',
      "status str '200 OK\\r\\n' contains control characters (U+000D, U+000A)",
      'no control characters, no CR/LF',
    ],
    [
      str('200 Ok €'),
      'status-latin1',
      "status str '200 Ok €' contains characters outside ISO-8859-1 (U+20AC)",
      'only ISO-8859-1 characters',
    ],
    [
      str('200'),
      'status-code-only',
      "status str '200' has no space and reason phrase",
      "'200 OK': code, one space, reason phrase",
    ],
    [
      str('OK 200'),
      'status-format',
      'status str \'OK 200\' is not "3-digit code, one space, reason phrase"',
      "'200 OK': three digits, a single space, the reason phrase, nothing around it",
    ],
  ])('%j: %s', (tv, rule, message, expected) => {
    expect(breachesOf(StatusSchema, tv)).toEqual([{ rule, message, expected }]);
  });
});

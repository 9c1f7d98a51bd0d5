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

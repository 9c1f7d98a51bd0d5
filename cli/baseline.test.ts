/** Baselines: what they mark known, what they report, what --update-baseline writes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarize, type Report, type Result } from '../reports/result.js';
import { TOOL } from '../spec/tool.js';
import { BaselineBook, loadBaseline, today, type BaselineEntry } from './baseline.js';
import { describeChange, updateBaseline, writeBaseline } from './baseline-update.js';
import { UsageError } from './usage.js';
import { RESULT_FIELDS } from '../test/result-fields.js';

const base = { ...RESULT_FIELDS, message: 'observed' };
const pass = (c: string): Result => ({ ...base, case: c, rule: `${c}-rule`, outcome: 'pass' });
const fail = (c: string): Result => ({
  ...base,
  case: c,
  rule: `${c}-rule`,
  outcome: 'fail',
  expected: 'e',
  actual: 'a',
});
const entry = (c: string, more: Partial<BaselineEntry> = {}): BaselineEntry => ({
  case: c,
  rule: `${c}-rule`,
  reason: `why ${c}`,
  ...more,
});
const report = (name: string, results: Result[]): Report => ({
  tool: TOOL,
  target: { kind: 'server', name },
  summary: summarize(results),
  results,
});
const made: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'wsgi-conf-baseline-'));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('baseline file', () => {
  it.each([
    ['not json', /not JSON/],
    ['{"known":[{"case":"a","rule":"b"}]}', /known\.0\.reason/],
    ['{"known":[{"case":"a","rule":"b","reason":"r","expires":"31/12/2025"}]}', /known\.0\.expires/],
    ['{"known":[{"case":"a","rule":"b","reason":"r"},{"case":"a","rule":"b","reason":"s"}]}', /a b is listed twice/],
    [
      JSON.stringify({
        known: [
          { case: 'a', rule: 'b', reason: 'r', target: 'gunicorn' },
          { case: 'a', rule: 'b', reason: 's', target: 'gunicorn' },
        ],
      }),
      /a b \(gunicorn\) is listed twice/,
    ],
    ['{"known":[],"extra":1}', /the file: .*extra/],
    // The message ends with the shape the file must have.
    [
      '{"known":[{"case":"a","rule":"b"}]}',
      /; expected \{"known": \[\{"case", "rule", "reason", "expires"\?: "YYYY-MM-DD", "target"\?\}\]\}$/,
    ],
  ])('refuses %s with a message naming the file and the field', (text, message) => {
    const path = join(dir(), 'baseline.json');
    writeFileSync(path, text);
    expect(() => loadBaseline(path, false)).toThrow(UsageError);
    expect(() => loadBaseline(path, false)).toThrow(message);
  });

  it('is required unless it is about to be written', () => {
    const path = join(dir(), 'missing.json');
    expect(() => loadBaseline(path, false)).toThrow(/no such file; record one with --update-baseline/);
    expect(loadBaseline(path, true)).toEqual({ known: [] });
  });
});

describe('baseline applied', () => {
  const book = new BaselineBook(
    'b.json',
    { known: [entry('a'), entry('b', { expires: '2025-01-31' }), entry('c', { target: 'gunicorn' }), entry('d')] },
    '2025-02-01',
  );

  it("marks listed failures known, but not expired ones, nor other targets' entries", () => {
    expect(book.mark('waitress', fail('a')).known).toBe(true);
    expect(book.mark('waitress', fail('b')).known).toBeUndefined();
    expect(book.mark('waitress', fail('c')).known).toBeUndefined();
    expect(book.mark('gunicorn', fail('c')).known).toBe(true);
    expect(book.mark('waitress', pass('a')).known).toBeUndefined();
  });

  it('reports entries that now pass, and expired entries that still fail', () => {
    const verdict = book.verdict('waitress', [fail('a'), fail('b'), pass('d'), fail('e')]);
    expect(verdict.unexpectedPasses).toEqual([{ case: 'd', rule: 'd-rule' }]);
    expect(verdict.expired).toEqual([{ case: 'b', rule: 'b-rule', expires: '2025-01-31', reason: 'why b' }]);
  });

  it('is valid through its expiry day', () => {
    expect(
      new BaselineBook('b.json', { known: [entry('a', { expires: '2025-02-01' })] }, '2025-02-01').mark('x', fail('a'))
        .known,
    ).toBe(true);
  });

  it("is valid through its expiry day when the day is today's (the default)", () => {
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const book = new BaselineBook('b.json', { known: [entry('a', { expires: today() })] });
    expect(book.mark('x', fail('a')).known).toBe(true);
    expect(book.verdict('x', [fail('a')]).expired).toEqual([]);
  });

  it('lists the entries that name a case or rule the suite does not have', () => {
    const book = new BaselineBook('b.json', { known: [entry('a'), entry('gone'), entry('b')] });
    expect(book.unknown((e) => e.case !== 'gone')).toEqual([entry('gone')]);
  });
});

describe('--update-baseline', () => {
  it('adds new failures, removes entries that pass, keeps reasons and entries for cases that did not run', () => {
    const book = new BaselineBook(
      'b.json',
      { known: [entry('a', { reason: 'vendor bug 12', expires: '2099-01-01' }), entry('b'), entry('z')] },
      '2025-02-01',
    );
    const change = updateBaseline(
      book,
      [report('gunicorn', [fail('a'), pass('b'), fail('c'), { ...fail('d'), outcome: 'error', code: 'x' } as Result])],
      false,
    );
    expect(change.added).toEqual([{ case: 'c', rule: 'c-rule', reason: 'recorded 2025-02-01: observed' }]);
    expect(change.removed.map((e) => e.case)).toEqual(['b']);
    expect(change.next.known).toEqual([
      entry('a', { reason: 'vendor bug 12', expires: '2099-01-01' }),
      change.added[0],
      entry('z'),
    ]);
    expect(describeChange('b.json', change)).toMatch(
      /1 added, 1 removed[\s\S]*\+ c c-rule[\s\S]*- b b-rule \(passes now\)/,
    );
  });

  it('names the target of each new entry in a matrix, and keeps an entry that still fails on another target', () => {
    const book = new BaselineBook('b.json', { known: [entry('a')] }, '2025-02-01');
    const change = updateBaseline(
      book,
      [report('gunicorn', [pass('a'), fail('c')]), report('waitress', [fail('a'), fail('c')])],
      true,
    );
    expect(change.removed).toEqual([]);
    expect(change.added.map((e) => `${e.target} ${e.case}`)).toEqual(['gunicorn c', 'waitress c']);
  });

  it('writes the file atomically, readable again', async () => {
    const path = join(dir(), 'sub', 'baseline.json');
    await writeBaseline(path, { known: [entry('a')] });
    expect(loadBaseline(path, false)).toEqual({ known: [entry('a')] });
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
  });
});

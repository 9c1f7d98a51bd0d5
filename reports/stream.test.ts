/** The result stream: written as a run goes, readable when cut short, the only source of reports. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { TOOL } from '../spec/tool.js';
import { summarize, type Result } from './result.js';
import { parseStream, reportOf, StreamError, STREAM_FORMAT, type StreamHeader, type StreamRun } from './stream.js';
import { StreamWriter } from './stream-writer.js';
import { RESULT_FIELDS } from '../test/result-fields.js';

const header: StreamHeader = {
  type: 'header',
  format: STREAM_FORMAT,
  tool: TOOL,
  target: { kind: 'server', name: 'gunicorn' },
  options: { only: [], strict: false, timeoutMs: 3000 },
  cases: 2,
  startedAt: '2025-01-01T00:00:00.000Z',
};
const base = RESULT_FIELDS;
const pass = (c: string): Result => ({ ...base, case: c, rule: `${c}-rule`, outcome: 'pass' });
const fail = (c: string): Result => ({
  ...base,
  case: c,
  rule: `${c}-rule`,
  outcome: 'fail',
  expected: 'e',
  actual: 'a',
});

describe('result stream', () => {
  it('writes header, results and footer to its file as they come, and reads back the same report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgi-conf-stream-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'results.jsonl');
    const w = new StreamWriter(path);
    w.begin(header);
    w.start({ kind: 'server', name: 'gunicorn', version: 'gunicorn 23.0.0' });
    w.result(fail('a'));
    expect(
      readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).type),
    ).toEqual(['header', 'result']);
    w.result(pass('b'));
    w.end({ notes: ['restarted once'] });
    w.dispose();
    const [run] = parseStream(readFileSync(path, 'utf8'), path);
    expect(run?.header.target.version).toBe('gunicorn 23.0.0');
    expect(run?.footer).toMatchObject({ interrupted: false, summary: { total: 2, pass: 1, fail: 1, mustFailures: 1 } });
    const report = reportOf(run!);
    expect(report.results.map((r) => r.case)).toEqual(['a', 'b']);
    expect(report.notes).toEqual(['restarted once']);
  });

  it('closes an interrupted run with a footer saying so, header included if no result came yet', () => {
    const w = new StreamWriter();
    w.begin(header);
    w.interrupt();
    const [run] = parseStream(w.contents(), 'mem');
    expect(run?.footer.interrupted).toBe(true);
    expect(reportOf(run!).notes?.[0]).toMatch(
      /interrupted: 0 results, for part of the 2 cases; the verdict is incomplete$/,
    );
  });

  it('reads a stream cut off mid-line (a kill) as an interrupted run', () => {
    const w = new StreamWriter();
    w.begin(header);
    w.result(pass('a'));
    w.result(fail('b'));
    const cut = w.contents().slice(0, -40);
    const [run] = parseStream(cut, 'cut.jsonl');
    expect(run?.results.map((r) => r.case)).toEqual(['a']);
    expect(run?.footer.interrupted).toBe(true);
  });

  it('keeps several runs (a matrix) apart and orders results as asked', () => {
    const w = new StreamWriter();
    for (const name of ['gunicorn', 'waitress']) {
      w.begin({ ...header, target: { kind: 'server', name } });
      w.result(pass('b'));
      w.result(fail('a'));
      w.end();
    }
    const runs = parseStream(w.contents(), 'mem');
    expect(runs.map((r) => r.header.target.name)).toEqual(['gunicorn', 'waitress']);
    expect(reportOf(runs[1]!, (x, y) => x.case.localeCompare(y.case)).results.map((r) => r.case)).toEqual(['a', 'b']);
  });

  it.each([
    ['{"type":"result"}\n', /mem:1: not a stream line/],
    ['not json\n{"x":1}\n', /mem:1: not JSON/],
    ['', /no run in it/],
  ])('refuses %j with the line that is wrong', (text, message) => {
    expect(() => parseStream(text, 'mem')).toThrow(StreamError);
    expect(() => parseStream(text, 'mem')).toThrow(message);
  });

  it('refuses a result before any header', () => {
    const w = new StreamWriter();
    w.begin(header);
    w.result(pass('a'));
    const resultLine = w.contents().split('\n')[1];
    expect(() => parseStream(`${resultLine}\n`, 'mem')).toThrow(/mem:1: a result line outside a run/);
  });

  it('reads a cut-off last line as an interruption also when blank lines follow it, and skips blank lines', () => {
    const w = new StreamWriter();
    w.begin(header);
    w.result(pass('a'));
    w.result(fail('b'));
    const [head, first, second] = w.contents().split('\n');
    const cut = `${head}\n  \n${first}\n${second?.slice(0, 20)}\n \n\n`;
    const [run] = parseStream(cut, 'cut.jsonl');
    expect(run?.results.map((r) => r.case)).toEqual(['a']);
    expect(run?.footer).toEqual({
      type: 'footer',
      summary: expect.objectContaining({ total: 1, pass: 1 }),
      interrupted: true,
      finishedAt: '',
      notes: ['the stream ends without a footer: the run was killed'],
    });
  });

  it('names a line of the wrong shape on one line: its first problems and where they are', () => {
    expect(() => parseStream('{"type":"header"}\n', 'mem')).toThrow(
      `mem:1: not a stream line of format ${STREAM_FORMAT}: ✖ Invalid input: expected ${STREAM_FORMAT};   → at ` +
        `format; ✖ Invalid input: expected object, received undefined;   → at tool`,
    );
  });

  it("notes a shard's share, each expired baseline entry and the entries that now pass", () => {
    const notes = (footer: Partial<StreamRun['footer']>, shard?: { index: number; count: number }) =>
      reportOf({
        header: { ...header, ...(shard ? { shard } : {}) },
        results: [],
        footer: { type: 'footer', summary: summarize([]), interrupted: false, finishedAt: 'f', ...footer },
      }).notes;
    expect(notes({})).toBeUndefined();
    expect(notes({}, { index: 2, count: 3 })).toEqual([
      "shard 2/3: only this shard's share of the cases ran (wsgi-conformance merge joins the shards)",
    ]);
    const expired = { case: 'c', rule: 'r', expires: '2025-01-01', reason: 'why' };
    expect(notes({ baseline: { file: 'b.json', expired: [expired], unexpectedPasses: [] } })).toEqual([
      'baseline b.json: the entry for c r expired on 2025-01-01 (why); fix it, or extend its expiry',
    ]);
    const one = [{ case: 'a', rule: 'x' }];
    expect(notes({ baseline: { file: 'b.json', expired: [], unexpectedPasses: one } })).toEqual([
      'baseline b.json: a x now passes: remove its entry (or run with --update-baseline)',
    ]);
    const two = [...one, { case: 'b', rule: 'y' }];
    expect(notes({ baseline: { file: 'b.json', expired: [], unexpectedPasses: two } })).toEqual([
      'baseline b.json: a x, b y now pass: remove their entries (or run with --update-baseline)',
    ]);
  });
});

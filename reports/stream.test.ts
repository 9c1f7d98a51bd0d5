/** The result stream: written as a run goes, readable when cut short, the only source of reports. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { TOOL } from '../spec/tool.js';
import type { Result } from './result.js';
import { parseStream, reportOf, StreamError, STREAM_FORMAT, type StreamHeader } from './stream.js';
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
    expect(reportOf(run!).notes?.[0]).toMatch(/interrupted: 0 results, for part of the 2 cases/);
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
});

/** merge joins shards into one run, and refuses anything that would make the report lie. */
import { describe, expect, it } from 'vitest';
import { TOOL } from '../spec/tool.js';
import { MergeError, mergeRuns, type SourcedRun } from './merge.js';
import { summarize, type Result } from './result.js';
import { reportOf, STREAM_FORMAT, type StreamRun } from './stream.js';
import { RESULT_FIELDS } from '../test/result-fields.js';

const base = RESULT_FIELDS;
const pass = (c: string): Result => ({ ...base, case: c, rule: 'x', outcome: 'pass' });

function shard(
  index: number,
  count: number,
  cases: string[],
  more: {
    version?: string;
    tool?: string;
    only?: string[];
    interrupted?: boolean;
    error?: string;
    tls?: { ca?: string };
    routes?: string[];
    baseline?: string;
    python?: string;
    notes?: string[];
  } = {},
): SourcedRun {
  const results = cases.map(pass);
  const run: StreamRun = {
    header: {
      type: 'header',
      format: STREAM_FORMAT,
      tool: { ...TOOL, version: more.tool ?? TOOL.version },
      target: {
        kind: 'server',
        name: 'gunicorn',
        ...(more.error
          ? { error: more.error }
          : {
              version: more.version ?? 'gunicorn 23.0.0',
              python: more.python ?? '/usr/bin/python3 (Python 3.11.2)',
            }),
      },
      options: {
        only: more.only ?? [],
        strict: false,
        timeoutMs: 3000,
        ...(more.tls ? { tls: more.tls } : {}),
        ...(more.routes ? { routes: more.routes } : {}),
        ...(more.baseline ? { baseline: more.baseline } : {}),
      },
      shard: { index, count },
      cases: cases.length,
      startedAt: `2025-01-01T00:00:0${index}.000Z`,
    },
    results,
    footer: {
      type: 'footer',
      summary: summarize(results),
      interrupted: more.interrupted ?? false,
      finishedAt: `2025-01-01T00:01:0${index}.000Z`,
      ...(more.notes ? { notes: more.notes } : {}),
    },
  };
  return { run, source: `shard-${index}.jsonl` };
}

const unsharded = ({ run, source }: SourcedRun): SourcedRun => {
  const { shard: _shard, ...header } = run.header;
  return { run: { ...run, header }, source };
};

describe('merge', () => {
  it('joins every shard of a target into one unsharded run', () => {
    const [run, ...rest] = mergeRuns([shard(2, 2, ['b', 'd']), shard(1, 2, ['a', 'c'])]);
    expect(rest).toEqual([]);
    expect(run?.header.shard).toBeUndefined();
    expect(run?.header.cases).toBe(4);
    expect(run?.header.startedAt).toBe('2025-01-01T00:00:01.000Z');
    expect(run?.results.map((r) => r.case).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(run?.footer).toMatchObject({ type: 'footer', interrupted: false, summary: { total: 4, pass: 4 } });
    expect(run?.footer.notes).toBeUndefined();
  });

  it.each([
    [
      'another tool version',
      [shard(1, 2, ['a']), shard(2, 2, ['b'], { tool: '9.9.9' })],
      new RegExp(
        String.raw`refusing to mix runs of server gunicorn: shard-1.jsonl has tool version wsgi-conformance \S+, ` +
          'shard-2.jsonl has wsgi-conformance 9.9.9',
      ),
    ],
    [
      'another server version',
      [shard(1, 2, ['a']), shard(2, 2, ['b'], { version: 'gunicorn 20.1.0' })],
      /server version gunicorn 23.0.0, shard-2.jsonl has gunicorn 20.1.0/,
    ],
    ['other --only', [shard(1, 2, ['a']), shard(2, 2, ['b'], { only: ['b'] })], /--only/],
    ['a missing shard', [shard(1, 3, ['a']), shard(3, 3, ['c'])], /shard 2\/3 missing/],
    ['a shard twice', [shard(1, 2, ['a']), shard(1, 2, ['a'])], /shard 1\/2 is in both/],
    ['different shard counts', [shard(1, 2, ['a']), shard(2, 3, ['b'])], /shard count/],
    [
      'a result twice',
      [shard(1, 2, ['a']), shard(2, 2, ['a'])],
      /result a x is in both .*; were the shards run with different suite versions\?$/,
    ],
    [
      'a TLS shard beside a plain one',
      [shard(1, 2, ['a'], { tls: {} }), shard(2, 2, ['b'])],
      /shard-1.jsonl has TLS on \(--tls\), shard-2.jsonl has off \(plain HTTP\)/,
    ],
    [
      'shards verified against different CAs',
      [shard(1, 2, ['a'], { tls: { ca: 'a.pem' } }), shard(2, 2, ['b'], { tls: { ca: 'b.pem' } })],
      /TLS on, --tls-ca a.pem, shard-2.jsonl has on, --tls-ca b.pem/,
    ],
    [
      'other routes',
      [shard(1, 2, ['a'], { routes: ['--path', '/a'] }), shard(2, 2, ['b'], { routes: ['--crawl', '50'] })],
      /route options --path \/a, shard-2.jsonl has --crawl 50/,
    ],
    [
      'routes beside none',
      [shard(1, 2, ['a']), shard(2, 2, ['b'], { routes: ['--requests', 'x.http'] })],
      /route options \(none\), shard-2.jsonl has --requests x.http/,
    ],
    ['nothing', [], /nothing to merge/],
    [
      'two unsharded runs of one target',
      [unsharded(shard(1, 1, ['a'])), { ...unsharded(shard(2, 1, ['b'])), source: 'other.jsonl' }],
      /server gunicorn ran unsharded in both shard-1.jsonl and other.jsonl: which one is meant\?/,
    ],
    ['two missing shards', [shard(4, 4, ['d']), shard(2, 4, ['b'])], /shards 1\/4, 3\/4 missing \(got 2\/4, 4\/4\);/],
    [
      'another Python',
      [shard(1, 2, ['a']), shard(2, 2, ['b'], { python: '/usr/bin/python3.12 (Python 3.12.1)' })],
      /Python version 3.11.2, shard-2.jsonl has 3.12.1/,
    ],
    [
      'a subset beside all cases',
      [shard(1, 2, ['a']), shard(2, 2, ['b'], { only: ['b', 'a'] })],
      /--only \(all cases\), shard-2.jsonl has a,b/,
    ],
    [
      'a baseline beside none',
      [shard(1, 2, ['a'], { baseline: 'b.json' }), shard(2, 2, ['b'])],
      /--baseline b.json, shard-2.jsonl has \(none\)/,
    ],
    [
      'an unsharded run beside a shard',
      [shard(1, 2, ['a']), unsharded(shard(2, 2, ['b']))],
      /shard count 2, shard-2.jsonl has unsharded/,
    ],
  ])('refuses %s, naming it', (_, inputs, message) => {
    expect(() => mergeRuns(inputs)).toThrow(MergeError);
    expect(() => mergeRuns(inputs)).toThrow(message);
  });

  it('keeps the TLS setting and the route options of shards that agree, and reports them on the target', () => {
    const [run] = mergeRuns([
      shard(1, 2, ['a'], { tls: { ca: 'ca.pem' }, routes: ['--path', '/x'] }),
      shard(2, 2, ['b'], { tls: { ca: 'ca.pem' }, routes: ['--path', '/x'] }),
    ]);
    expect(run?.header.options.tls).toEqual({ ca: 'ca.pem' });
    expect(reportOf(run as StreamRun).target).toMatchObject({ tls: { ca: 'ca.pem' }, routeOptions: ['--path', '/x'] });
  });

  it('keeps a shard whose server never started, as a note, and says an interrupted shard makes it incomplete', () => {
    const [run] = mergeRuns([
      shard(1, 2, ['a'], { error: 'would not start' }),
      shard(2, 2, ['b'], { interrupted: true }),
    ]);
    expect(run?.header.target).toMatchObject({ version: 'gunicorn 23.0.0' });
    expect(run?.header.target.error).toBeUndefined();
    expect(run?.footer.interrupted).toBe(true);
    expect(run?.footer.notes).toEqual([
      'shard 1/2: could not test: would not start',
      'shard-2.jsonl was interrupted: the merged verdict is incomplete',
    ]);
  });

  it('takes one run as it is, and the same subset of cases in any order', () => {
    const alone = unsharded(shard(1, 1, ['a']));
    expect(mergeRuns([alone])[0]?.results).toEqual(alone.run.results);
    expect(() =>
      mergeRuns([shard(1, 2, ['a'], { only: ['a', 'b'] }), shard(2, 2, ['b'], { only: ['b', 'a'] })]),
    ).not.toThrow();
  });

  it("tags each shard's notes with the shard, ends when the last shard ended, and lists every interrupted one", () => {
    const [run] = mergeRuns([
      shard(1, 3, ['a'], { notes: ['restarted once'], interrupted: true }),
      shard(3, 3, ['c']),
      shard(2, 3, ['b'], { interrupted: true }),
    ]);
    expect(run?.footer.finishedAt).toBe('2025-01-01T00:01:03.000Z');
    expect(run?.footer.notes).toEqual([
      'shard 1/3: restarted once',
      'shard-1.jsonl, shard-2.jsonl were interrupted: the merged verdict is incomplete',
    ]);
    expect(mergeRuns([shard(1, 1, ['a'], { notes: ['restarted once'] })])[0]?.footer.notes).toEqual(['restarted once']);
  });

  it('keeps the load failure when no shard could start, and no note for it', () => {
    const [run] = mergeRuns([
      shard(1, 2, [], { error: 'would not start' }),
      shard(2, 2, [], { error: 'would not start' }),
    ]);
    expect(run?.header.target.error).toBe('would not start');
    expect(run?.footer.notes).toBeUndefined();
  });

  it("joins the shards' baseline verdicts under the baseline file", () => {
    const withBaseline = (s: SourcedRun, expired: number): SourcedRun => ({
      ...s,
      run: {
        ...s.run,
        footer: {
          ...s.run.footer,
          baseline: {
            file: 'b.json',
            unexpectedPasses: [{ case: `p${expired}`, rule: 'x' }],
            expired: Array.from({ length: expired }, (_, i) => ({
              case: `e${i}`,
              rule: 'x',
              expires: 'd',
              reason: 'r',
            })),
          },
        },
      },
    });
    const [run] = mergeRuns([withBaseline(shard(1, 2, ['a']), 1), withBaseline(shard(2, 2, ['b']), 0)]);
    expect(run?.footer.baseline?.file).toBe('b.json');
    expect(run?.footer.baseline?.expired.map((e) => e.case)).toEqual(['e0']);
    expect(run?.footer.baseline?.unexpectedPasses.map((e) => e.case)).toEqual(['p1', 'p0']);
  });
});

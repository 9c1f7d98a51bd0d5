/**
 * The exit code contract (README "Exit codes") as a table: every combination of what a run
 * can hold (pass, MUST and SHOULD failures, errors, skips, failures the baseline expects, an
 * expired baseline entry, a target that would not load), interrupted or not, strict or not,
 * through the same path the CLI takes (emitRuns over stream runs), and a merge of shards.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeRuns } from '../reports/merge.js';
import { EXIT, exitCode, summarize, type Report, type Result } from '../reports/result.js';
import { STREAM_FORMAT, type BaselineVerdict, type StreamRun } from '../reports/stream.js';
import { TOOL } from '../spec/tool.js';
import { emitRuns, judgeRun } from './emit.js';
import type { RunOptions } from './options.js';
import { RESULT_FIELDS } from '../test/result-fields.js';

const base = RESULT_FIELDS;
const KINDS = {
  pass: { ...base, case: 'c-pass', rule: 'r-pass', level: 'MUST', outcome: 'pass' },
  mustFail: { ...base, case: 'c-must', rule: 'r-must', level: 'MUST', outcome: 'fail', expected: 'e', actual: 'a' },
  shouldFail: {
    ...base,
    case: 'c-should',
    rule: 'r-should',
    level: 'SHOULD',
    outcome: 'fail',
    expected: 'e',
    actual: 'a',
  },
  mayFail: { ...base, case: 'c-may', rule: 'r-may', level: 'MAY', outcome: 'fail', expected: 'e', actual: 'a' },
  knownMustFail: {
    ...base,
    case: 'c-known',
    rule: 'r-known',
    level: 'MUST',
    outcome: 'fail',
    expected: 'e',
    actual: 'a',
    known: true,
  },
  knownShouldFail: {
    ...base,
    case: 'c-known-s',
    rule: 'r-known-s',
    level: 'SHOULD',
    outcome: 'fail',
    expected: 'e',
    actual: 'a',
    known: true,
  },
  error: { ...base, case: 'c-error', rule: 'r-error', level: 'MUST', outcome: 'error', code: 'timeout' },
  skip: { ...base, case: 'c-skip', rule: 'r-skip', level: 'MUST', outcome: 'skip', reason: 'not exercised' },
} satisfies Record<string, Result>;
type Kind = keyof typeof KINDS;

interface Scenario {
  kinds: Kind[];
  interrupted?: boolean;
  expired?: boolean;
  strict?: boolean;
  targetError?: boolean;
}

function streamRun(s: Scenario): StreamRun {
  const results = s.kinds.map((k) => KINDS[k] as Result);
  const baseline: BaselineVerdict | undefined = s.expired
    ? {
        file: 'b.json',
        unexpectedPasses: [],
        expired: [{ case: 'c-old', rule: 'r-old', expires: '2000-01-01', reason: 'why' }],
      }
    : undefined;
  return {
    header: {
      type: 'header',
      format: STREAM_FORMAT,
      tool: TOOL,
      target: { kind: 'app', name: 'a.py', ...(s.targetError ? { error: 'would not load' } : {}) },
      options: { only: [], strict: s.strict ?? false, timeoutMs: 3000 },
      cases: results.length,
      startedAt: '2025-01-01T00:00:00.000Z',
    },
    results,
    footer: {
      type: 'footer',
      summary: summarize(results),
      interrupted: s.interrupted ?? false,
      finishedAt: '',
      ...(baseline ? { baseline } : {}),
    },
  };
}

const options = (strict: boolean): RunOptions => ({
  positionals: [],
  only: [],
  strict,
  reporters: [],
  timeoutMs: 3000,
  verbose: false,
  json: false,
  updateBaseline: false,
});

/**
 * The README's table, written out independently of emit.ts: 3 when anything could not be
 * tested or the run was cut short (it wins over 1), else 1 for a MUST failure the baseline
 * does not expect, a SHOULD one with --strict, or an expired entry, else 0.
 */
/** The README's exit codes: a certain failure is never hidden behind an error (1 beats 3), but an
 * untestable target or a cut-off run is 3 whatever it holds. */
function readme(s: Scenario): number {
  if (s.targetError || s.interrupted) return 3;
  if (s.kinds.includes('mustFail') || (s.strict && s.kinds.includes('shouldFail')) || s.expired) return 1;
  return s.kinds.includes('error') ? 3 : 0;
}

/** Every subset of the main result kinds, crossed with interrupted, expired, strict and a load failure. */
function scenarios(): Scenario[] {
  // MAY findings and known SHOULD failures are in the named table; crossing them too only multiplies the runs.
  const kinds: Kind[] = ['pass', 'mustFail', 'shouldFail', 'knownMustFail', 'error', 'skip'];
  const out: Scenario[] = [];
  for (let mask = 0; mask < 1 << kinds.length; mask++) {
    const picked = kinds.filter((_, i) => mask & (1 << i));
    for (let flags = 0; flags < 16; flags++) {
      out.push({
        kinds: picked,
        interrupted: Boolean(flags & 1),
        expired: Boolean(flags & 2),
        strict: Boolean(flags & 4),
        targetError: Boolean(flags & 8),
      });
    }
  }
  return out;
}

const label = (s: Scenario) =>
  [
    s.kinds.join('+') || 'no results',
    s.interrupted && 'interrupted',
    s.expired && 'expired',
    s.strict && 'strict',
    s.targetError && 'load failed',
  ]
    .filter(Boolean)
    .join(', ');

describe('exit codes', () => {
  let stderr: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it.each([
    ['a clean run', { kinds: ['pass'] }, EXIT.ok],
    ['an empty run', { kinds: [] }, EXIT.ok],
    ['a MUST failure', { kinds: ['pass', 'mustFail'] }, EXIT.failures],
    ['a SHOULD failure (a warning)', { kinds: ['shouldFail'] }, EXIT.ok],
    ['a SHOULD failure with --strict', { kinds: ['shouldFail'], strict: true }, EXIT.failures],
    ['a MAY finding, even with --strict', { kinds: ['mayFail'], strict: true }, EXIT.ok],
    ['a MUST failure the baseline expects', { kinds: ['knownMustFail'] }, EXIT.ok],
    ['a SHOULD failure the baseline expects, with --strict', { kinds: ['knownShouldFail'], strict: true }, EXIT.ok],
    ['an expired baseline entry', { kinds: ['pass'], expired: true }, EXIT.failures],
    ['a skip', { kinds: ['skip'] }, EXIT.ok],
    ['an error', { kinds: ['pass', 'error'] }, EXIT.untestable],
    ['an error beside a MUST failure (the certain failure wins: 1)', { kinds: ['mustFail', 'error'] }, EXIT.failures],
    ['an error beside an expired baseline entry', { kinds: ['pass', 'error'], expired: true }, EXIT.failures],
    ['a target that would not load', { kinds: [], targetError: true }, EXIT.untestable],
    ['an interrupted run', { kinds: ['pass'], interrupted: true }, EXIT.untestable],
    ['an interrupted run with a MUST failure', { kinds: ['mustFail'], interrupted: true }, EXIT.untestable],
  ] as Array<[string, Scenario, number]>)('%s', async (_, s, code) => {
    expect((await emitRuns([streamRun(s)], options(s.strict ?? false))).code).toBe(code);
    expect(readme(s)).toBe(code);
  });

  it('every combination of outcomes, interruption, expiry, --strict and load failure', async () => {
    const wrong: string[] = [];
    for (const s of scenarios()) {
      const run = streamRun(s);
      const { code } = await emitRuns([run], options(s.strict ?? false));
      if (code !== readme(s)) wrong.push(`${label(s)}: exit ${code}, README says ${readme(s)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a run of several targets exits with the worst code', async () => {
    const runs = [streamRun({ kinds: ['pass'] }), streamRun({ kinds: ['mustFail'] }), streamRun({ kinds: ['pass'] })];
    expect((await emitRuns(runs, options(false))).code).toBe(EXIT.failures);
    runs.push(streamRun({ kinds: ['error'] }));
    expect((await emitRuns(runs, options(false))).code).toBe(EXIT.untestable);
  });

  it('exitCode() and judgeRun() agree with the table on a report', () => {
    for (const s of scenarios()) {
      const run = streamRun(s);
      const report: Report = {
        tool: TOOL,
        target: run.header.target,
        summary: run.footer.summary,
        results: run.results,
      };
      const judged = judgeRun(report, s.interrupted ?? false, run.footer.baseline, s.strict ?? false);
      expect(judged, label(s)).toBe(readme(s));
      const plain = s.targetError ? 3 : s.kinds.includes('mustFail') ? 1 : s.kinds.includes('error') ? 3 : 0;
      expect(exitCode(report), label(s)).toBe(plain);
    }
  });
});

describe('exit code of a merge', () => {
  let stderr: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  function shard(index: number, s: Scenario) {
    const run = streamRun(s);
    run.header.shard = { index, count: 2 };
    run.results = run.results.map((r) => ({ ...r, case: `${r.case}-${index}` }));
    return { run, source: `shard-${index}.jsonl` };
  }

  it.each([
    ['two complete clean shards', [{ kinds: ['pass'] }, { kinds: ['pass'] }], EXIT.ok],
    ['a shard with a MUST failure', [{ kinds: ['pass'] }, { kinds: ['mustFail'] }], EXIT.failures],
    ['a cut-off shard', [{ kinds: ['pass'] }, { kinds: ['pass'], interrupted: true }], EXIT.untestable],
    [
      'a cut-off shard beside a MUST failure',
      [{ kinds: ['mustFail'] }, { kinds: ['pass'], interrupted: true }],
      EXIT.untestable,
    ],
    ['a shard with an error', [{ kinds: ['error'] }, { kinds: ['pass'] }], EXIT.untestable],
    [
      'a shard with an expired baseline entry',
      [{ kinds: ['pass'], expired: true }, { kinds: ['pass'] }],
      EXIT.failures,
    ],
  ] as Array<[string, Scenario[], number]>)('%s', async (_, shards, code) => {
    const merged = mergeRuns(shards.map((s, i) => shard(i + 1, s)));
    expect(merged).toHaveLength(1);
    expect((await emitRuns(merged, options(false))).code).toBe(code);
  });
});

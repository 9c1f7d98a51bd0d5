/** Shared option parsing for the commands that certify something (and merge, which renders). */
import { parseArgs } from 'node:util';
import { getReporter, reporterNames, STREAM_REPORTER } from '../reports/registry.js';
import type { Shard } from '../reports/stream.js';
import { parseShard } from '../suites/shard.js';
import { UsageError } from './usage.js';

export interface RunOptions {
  positionals: string[];
  python?: string;
  only: string[];
  strict: boolean;
  /** Reporter names in the order given, without duplicates (see reports/registry.ts). */
  reporters: string[];
  out?: string;
  timeoutMs: number;
  verbose: boolean;
  json: boolean;
  shard?: Shard;
  baseline?: string;
  updateBaseline: boolean;
  /** --order random: the seed of the shuffled server case order (--seed N, or one drawn and printed). */
  seed?: number;
}

export function parseRunOptions(argv: string[]): RunOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        python: { type: 'string' },
        only: { type: 'string', multiple: true },
        strict: { type: 'boolean', default: false },
        reporter: { type: 'string', default: 'console' },
        out: { type: 'string' },
        timeout: { type: 'string', default: '3000' },
        verbose: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        shard: { type: 'string' },
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean', default: false },
        order: { type: 'string', default: 'fixed' },
        seed: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const reporters = parseReporters(v.reporter, v.out);
  const timeoutMs = Number(v.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100)
    throw new UsageError(`--timeout takes milliseconds (at least 100), got "${v.timeout}"`);
  const shard = v.shard === undefined ? undefined : parseShard(v.shard);
  if (typeof shard === 'string') throw new UsageError(shard);
  if (v['update-baseline'] && !v.baseline)
    throw new UsageError('--update-baseline needs --baseline FILE (the file to write)');
  const seed = parseOrder(v.order, v.seed);
  return {
    positionals: parsed.positionals,
    ...(v.python ? { python: v.python } : {}),
    only: (v.only ?? [])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
    strict: v.strict,
    reporters,
    ...(v.out ? { out: v.out } : {}),
    timeoutMs,
    verbose: v.verbose,
    json: v.json,
    ...(shard ? { shard } : {}),
    ...(v.baseline ? { baseline: v.baseline } : {}),
    updateBaseline: v['update-baseline'],
    ...(seed === undefined ? {} : { seed }),
  };
}

/** --order fixed (default) or random; --seed N repeats a random order. */
function parseOrder(order: string, seed: string | undefined): number | undefined {
  if (order !== 'fixed' && order !== 'random') throw new UsageError(`--order takes fixed or random, got "${order}"`);
  if (order === 'fixed') {
    if (seed !== undefined) throw new UsageError('--seed needs --order random');
    return undefined;
  }
  if (seed === undefined) {
    const drawn = Math.floor(Math.random() * 2 ** 31);
    process.stderr.write(`wsgi-conformance: case order shuffled with --seed ${drawn}\n`);
    return drawn;
  }
  const n = Number(seed);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--seed takes a whole number, got "${seed}"`);
  return n;
}

/** Known names only; without --out, stdout can take one of them (console counts). */
function parseReporters(list: string, out: string | undefined): string[] {
  const known = reporterNames();
  const names = [
    ...new Set(
      list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (!names.length) throw new UsageError(`--reporter needs at least one of ${known.join(', ')}`);
  for (const name of names) {
    if (!known.includes(name)) throw new UsageError(`unknown reporter "${name}": choose from ${known.join(', ')}`);
  }
  if (!out && names.length > 1) {
    const files = names
      .map((n) => (n === STREAM_REPORTER.name ? STREAM_REPORTER.file : getReporter(n)?.file))
      .filter(Boolean)
      .join(', ');
    throw new UsageError(
      `--reporter ${names.join(',')} without --out would send ${names.length} reports to stdout; ` +
        `add --out DIR (files there: ${files}), or pick one reporter`,
    );
  }
  return names;
}

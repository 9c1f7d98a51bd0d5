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
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const reporters = parseReporters(v.reporter, v.out);
  const timeoutMs = Number(v.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new UsageError(`--timeout takes milliseconds (at least 100), got "${v.timeout}"`);
  const shard = v.shard === undefined ? undefined : parseShard(v.shard);
  if (typeof shard === 'string') throw new UsageError(shard);
  if (v['update-baseline'] && !v.baseline) throw new UsageError('--update-baseline needs --baseline FILE (the file to write)');
  return {
    positionals: parsed.positionals,
    ...(v.python ? { python: v.python } : {}),
    only: (v.only ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
    strict: v.strict,
    reporters,
    ...(v.out ? { out: v.out } : {}),
    timeoutMs,
    verbose: v.verbose,
    json: v.json,
    ...(shard ? { shard } : {}),
    ...(v.baseline ? { baseline: v.baseline } : {}),
    updateBaseline: v['update-baseline'],
  };
}

/** Known names only; without --out, stdout can take one of them (console counts). */
function parseReporters(list: string, out: string | undefined): string[] {
  const known = reporterNames();
  const names = [...new Set(list.split(',').map((s) => s.trim()).filter(Boolean))];
  if (!names.length) throw new UsageError(`--reporter needs at least one of ${known.join(', ')}`);
  for (const name of names) {
    if (!known.includes(name)) throw new UsageError(`unknown reporter "${name}": choose from ${known.join(', ')}`);
  }
  if (!out && names.length > 1) {
    throw new UsageError(`--reporter ${names.join(',')} without --out would send ${names.length} reports to stdout; add --out DIR (files there: ${names.map((n) => (n === STREAM_REPORTER.name ? STREAM_REPORTER.file : getReporter(n)?.file)).filter(Boolean).join(', ')}), or pick one reporter`);
  }
  return names;
}

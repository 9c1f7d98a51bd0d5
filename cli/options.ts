/** Shared option parsing for the commands that certify something. */
import { parseArgs } from 'node:util';
import { UsageError } from './usage.js';

export interface RunOptions {
  positionals: string[];
  python?: string;
  only: string[];
  strict: boolean;
  reporters: Set<'console' | 'json'>;
  out?: string;
  timeoutMs: number;
  verbose: boolean;
  json: boolean;
}

const REPORTERS = ['console', 'json'] as const;

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
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const reporters = new Set<'console' | 'json'>();
  for (const name of v.reporter.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(REPORTERS as readonly string[]).includes(name)) throw new UsageError(`unknown reporter "${name}": choose from ${REPORTERS.join(', ')}`);
    reporters.add(name as 'console' | 'json');
  }
  const timeoutMs = Number(v.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new UsageError(`--timeout takes milliseconds (at least 100), got "${v.timeout}"`);
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
  };
}

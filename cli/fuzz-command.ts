/**
 * `wsgi-conformance fuzz (--preset A,B | --cmd T | --url U) [--runs N] [--seed N]
 * [--time-limit S] [--replay SEED:PATH] [--differential] [--tls | --tls-ca CA.pem]`: generated requests and responses
 * judged against the reference model, with shrunk counterexamples, in the same stream,
 * reports, baselines and exit codes as `server`.
 */
import { parseArgs } from 'node:util';
import type { ServerTarget } from '../harness/server/launcher.js';
import { fuzzServer, targetName } from '../suites/fuzz/certify.js';
import { differential, disagreementTable } from '../suites/fuzz/differential.js';
import { FUZZ_CASES } from '../suites/fuzz/results.js';
import { parseRunOptions } from './options.js';
import { RunSession } from './run-session.js';
import { checkTarget } from './server-target.js';
import { takeTlsOptions, tlsFlags } from './tls-options.js';
import { UsageError } from './usage.js';

export const FUZZ_DEFAULTS = { runs: 1000, seed: 1, timeLimitS: 20, differentialRuns: 100 };

interface FuzzArgs {
  targets: ServerTarget[];
  runs: number;
  seed: number;
  timeLimitMs: number;
  replay?: { seed: number; path: string };
  differential: boolean;
  rest: string[];
}

const OWN = ['--preset', '--cmd', '--url', '--runs', '--seed', '--time-limit', '--replay'];

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} takes a whole number (at least ${min}), got "${value}"`);
  return n;
}

export function parseFuzzArgs(argv: string[]): FuzzArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: false,
      allowPositionals: true,
      options: {
        preset: { type: 'string', multiple: true },
        cmd: { type: 'string' },
        url: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        'time-limit': { type: 'string' },
        replay: { type: 'string' },
        differential: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values as {
    preset?: string[];
    cmd?: string;
    url?: string;
    runs?: string;
    seed?: string;
    'time-limit'?: string;
    replay?: string;
    differential?: boolean;
  };
  const presets = (v.preset ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const targets: ServerTarget[] = [
    ...presets.map((name): ServerTarget => ({ kind: 'preset', name })),
    ...(v.cmd !== undefined ? [{ kind: 'cmd' as const, template: v.cmd }] : []),
    ...(v.url !== undefined ? [{ kind: 'url' as const, url: v.url }] : []),
  ];
  if (!targets.length) throw new UsageError('fuzz needs a server: --preset A[,B...], --cmd TEMPLATE or --url URL');
  for (const t of targets) checkTarget(t);
  let replay: FuzzArgs['replay'];
  if (v.replay !== undefined) {
    const m = /^(-?\d+):(\d+(?::\d+)*)$/.exec(v.replay);
    if (!m)
      throw new UsageError(`--replay takes SEED:PATH as a counterexample prints it (e.g. 42:7:0:1), got "${v.replay}"`);
    replay = { seed: Number(m[1]), path: m[2] as string };
  }
  if (v.differential && targets.length < 2)
    throw new UsageError('--differential compares servers: give at least two (--preset a,b)');
  if (replay && v.differential)
    throw new UsageError('--replay re-runs one counterexample on one server; it does not combine with --differential');
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (OWN.includes(a)) i++;
    else if (a !== '--differential' && !OWN.some((o) => a.startsWith(`${o}=`))) rest.push(a);
  }
  return {
    targets,
    runs: integer('--runs', v.runs, FUZZ_DEFAULTS.runs, 1),
    seed: integer('--seed', v.seed, FUZZ_DEFAULTS.seed, 0),
    timeLimitMs: integer('--time-limit', v['time-limit'], FUZZ_DEFAULTS.timeLimitS, 1) * 1000,
    ...(replay ? { replay } : {}),
    differential: Boolean(v.differential),
    rest,
  };
}

const how = (t: ServerTarget) =>
  t.kind === 'preset' ? `--preset ${t.name}` : t.kind === 'cmd' ? `--cmd '${t.template}'` : `--url ${t.url}`;

export async function fuzzCommand(all: string[]): Promise<number> {
  const { tls, rest: argv } = takeTlsOptions(all);
  const args = parseFuzzArgs(argv);
  if (tls && args.differential) throw new UsageError('--differential runs over plain HTTP: drop --tls');
  if (tls?.ca !== undefined && args.targets.some((t) => t.kind !== 'url'))
    throw new UsageError('--tls-ca is for --url https://...; with --preset or --cmd, --tls makes a throwaway CA');
  const options = parseRunOptions(args.rest);
  if (options.positionals.length)
    throw new UsageError(`fuzz takes no positional arguments (got ${options.positionals.join(' ')})`);
  if (options.only.length || options.shard)
    throw new UsageError('fuzz runs one generative phase per server: --only and --shard do not apply');
  const session = new RunSession(options, args.targets.length > 1);
  const python = `${options.python ? ` --python ${options.python}` : ''}${tlsFlags(tls)}`;
  return session.run(async () => {
    for (const target of args.targets) {
      const base = `npx wsgi-conformance fuzz ${how(target)}${python}`;
      const observer = session.observe({
        kind: 'server',
        name: targetName(target),
        cases: Object.keys(FUZZ_CASES).length,
      });
      const report = await fuzzServer({
        target,
        timeoutMs: options.timeoutMs,
        ...(options.python ? { python: options.python } : {}),
        seed: args.seed,
        runs: args.runs,
        timeLimitMs: args.timeLimitMs,
        ...(tls ? { tls } : {}),
        ...(args.replay ? { replay: args.replay } : {}),
        rerun: `${base} --seed ${args.seed} --runs ${args.runs}`,
        replayCommand: (sp) => `${base} --replay ${sp}`,
        ...observer,
      });
      session.end(report);
    }
    if (args.differential) {
      const table = await differential(args.targets, {
        seed: args.seed,
        count: Math.min(args.runs, FUZZ_DEFAULTS.differentialRuns),
        timeoutMs: options.timeoutMs,
        ...(options.python ? { python: options.python } : {}),
      });
      process.stderr.write(`\n${disagreementTable(table)}\n`);
    }
  });
}

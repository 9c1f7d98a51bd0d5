/**
 * `wsgi-conformance matrix --preset a,b,c|all`: several servers, one after another (timing
 * cases must not compete for the CPU), into one stream and one comparison in every format.
 * With `all`, presets not installed here are skipped (and said so); a named preset that is
 * not installed is a target that could not be tested (exit 3).
 */
import { parseArgs } from 'node:util';
import { checkPreset, presets } from '../harness/server/presets.js';
import { EXIT } from '../reports/result.js';
import { getReporter } from '../reports/registry.js';
import { selectServerCases } from '../suites/server/certify.js';
import { takeFuzzRuns } from './fuzz-phase.js';
import { parseRunOptions, type RunOptions } from './options.js';
import { RunSession } from './run-session.js';
import { certifyServerTarget, checkTarget } from './server-target.js';
import { takeTlsOptions, type TlsChoice } from './tls-options.js';
import { UsageError } from './usage.js';

export async function matrixCommand(all: string[]): Promise<number> {
  const { tls, rest: argv } = takeTlsOptions(all);
  if (tls?.ca !== undefined)
    throw new UsageError('--tls-ca is for server --url https://...; a matrix of presets uses --tls (a throwaway CA)');
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: false,
      allowPositionals: true,
      options: { preset: { type: 'string', multiple: true } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const names = ((parsed.values.preset ?? []) as string[])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.length)
    throw new UsageError(
      `matrix needs --preset a,b,c or --preset all (presets: ${presets.map((p) => p.name).join(', ')})`,
    );
  const { fuzzRuns, rest: args } = takeFuzzRuns(argv);
  const rest = args.filter((a, i) => a !== '--preset' && args[i - 1] !== '--preset' && !a.startsWith('--preset='));
  const options = { ...parseRunOptions(rest), fuzzRuns };
  if (options.positionals.length)
    throw new UsageError(`matrix takes no positional arguments (got ${options.positionals.join(' ')})`);
  if (options.only.length && !selectServerCases(options.only).length)
    throw new UsageError(
      `--only ${options.only.join(',')} matches no server case or rule id (see: wsgi-conformance rules)`,
    );
  return matrixRun(names, options, tls);
}

/** Runs the named presets (or every installed one for "all") as one matrix. */
export async function matrixRun(
  names: readonly string[],
  options: RunOptions & { fuzzRuns?: number },
  tls?: TlsChoice,
): Promise<number> {
  const all = names.includes('all');
  if (all && names.length > 1)
    throw new UsageError(
      `--preset all runs every installed preset; do not list others with it (got ${names.join(',')})`,
    );
  for (const name of names) if (!all) checkTarget({ kind: 'preset', name });
  let chosen = all ? presets.map((p) => p.name) : [...new Set(names)];
  if (all) {
    const checks = await Promise.all(presets.map(async (p) => ({ p, check: await checkPreset(p, options.python) })));
    for (const { p, check } of checks)
      if (!check.installed) process.stderr.write(`wsgi-conformance: ${p.name} skipped, ${check.reason}\n`);
    chosen = checks.filter((c) => c.check.installed).map((c) => c.p.name);
    if (!chosen.length) {
      process.stderr.write(
        'wsgi-conformance: --preset all: no preset is installed here, nothing could be tested (wsgi-conformance ' +
          'doctor says what to install)\n',
      );
      return EXIT.untestable;
    }
  }
  const split = options.reporters.map(getReporter).find((r) => r?.perTarget);
  if (chosen.length > 1 && split && !options.out)
    throw new UsageError(
      `--reporter ${split.name} for several servers needs --out DIR (one ${split.file} per server, in DIR/<preset>/)`,
    );
  const session = new RunSession(options, chosen.length > 1);
  session.checkBaseline('server');
  return session.run(async () => {
    for (const name of chosen) await certifyServerTarget(session, { kind: 'preset', name }, options, tls);
  });
}

/** `wsgi-conformance server (--preset NAME | --cmd TEMPLATE | --url URL)`: certify a server over HTTP. */
import { parseArgs } from 'node:util';
import type { ServerTarget } from '../harness/server/launcher.js';
import { getPreset, presets } from '../harness/server/presets.js';
import { PLACEHOLDERS, placeholdersOf } from '../harness/server/template.js';
import { certifyServer, selectServerCases } from '../suites/server/certify.js';
import { fuzzPhase, takeFuzzRuns } from './fuzz-phase.js';
import { matrixRun } from './matrix-command.js';
import { parseRunOptions, type RunOptions } from './options.js';
import { RunSession } from './run-session.js';
import { checkTlsWithFuzz, takeTlsOptions, tlsFlags, type TlsChoice } from './tls-options.js';
import { UsageError } from './usage.js';

function targetOf(argv: string[]): { target: ServerTarget; rest: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: false, allowPositionals: true, options: { preset: { type: 'string' }, cmd: { type: 'string' }, url: { type: 'string' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { preset, cmd, url } = parsed.values as { preset?: string; cmd?: string; url?: string };
  const given = [preset, cmd, url].filter((v) => v !== undefined);
  if (given.length !== 1) throw new UsageError(`server needs exactly one of --preset NAME, --cmd TEMPLATE or --url URL (presets: ${presets.map((p) => p.name).join(', ')})`);
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (['--preset', '--cmd', '--url'].includes(a)) i++;
    else if (!/^--(preset|cmd|url)=/.test(a)) rest.push(a);
  }
  const target: ServerTarget = preset !== undefined ? { kind: 'preset', name: preset } : cmd !== undefined ? { kind: 'cmd', template: cmd } : { kind: 'url', url: url ?? '' };
  return { target, rest };
}

/** Mistakes in the target itself are usage errors (exit 2), not an untestable target (3). */
export function checkTarget(target: ServerTarget): void {
  if (target.kind === 'preset' && !getPreset(target.name)) {
    throw new UsageError(`unknown server preset "${target.name}"; the presets are: ${presets.map((p) => p.name).join(', ')} (or all); or give your own command with --cmd`);
  }
  if (target.kind === 'cmd') {
    let used: string[];
    try {
      used = placeholdersOf(target.template);
    } catch (e) {
      throw new UsageError(`--cmd: ${(e as Error).message}`);
    }
    const unknown = used.filter((name) => !Object.hasOwn(PLACEHOLDERS, name));
    if (unknown.length) throw new UsageError(`--cmd: unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; the placeholders are ${Object.keys(PLACEHOLDERS).map((k) => `{${k}}`).join(' ')}`);
  }
  if (target.kind === 'url' && !/^https?:\/\/[^/]/.test(target.url)) throw new UsageError(`--url takes an http:// URL, got "${target.url}"`);
}

export async function serverCommand(argv: string[]): Promise<number> {
  const { tls, rest: withoutTls } = takeTlsOptions(argv);
  const { fuzzRuns, rest: args } = takeFuzzRuns(withoutTls);
  const { target, rest } = targetOf(args);
  const options = { ...parseRunOptions(rest), fuzzRuns };
  checkTlsWithFuzz(tls, fuzzRuns);
  if (tls?.ca !== undefined && target.kind !== 'url') throw new UsageError('--tls-ca is for --url https://...; with --preset or --cmd, --tls makes a throwaway CA');
  if (tls && target.kind === 'url' && !target.url.startsWith('https://')) throw new UsageError(`--tls with --url needs an https:// URL and --tls-ca CA.pem (got ${target.url})`);
  if (target.kind === 'url' && target.url.startsWith('https://') && tls?.ca === undefined) throw new UsageError(`--url ${target.url} is https: give the CA that signed its certificate with --tls-ca CA.pem`);
  if (options.positionals.length) throw new UsageError(`server takes no positional arguments (got ${options.positionals.join(' ')})`);
  if (options.only.length && !selectServerCases(options.only).length) throw new UsageError(`--only ${options.only.join(',')} matches no server case or rule id (see: wsgi-conformance rules)`);
  if (target.kind === 'preset' && target.name === 'all') return matrixRun(['all'], options, tls);
  checkTarget(target);
  const session = new RunSession(options);
  session.checkBaseline('server');
  return session.run(() => certifyServerTarget(session, target, options, tls));
}

export function nameOf(t: ServerTarget): string {
  return t.kind === 'preset' ? t.name : t.kind === 'cmd' ? t.template : t.url;
}

/** One server's certification through the session (its stream run, progress and baseline). */
export async function certifyServerTarget(
  session: RunSession,
  target: ServerTarget,
  options: RunOptions & { fuzzRuns?: number },
  tls?: TlsChoice,
): Promise<void> {
  const how = target.kind === 'preset' ? `--preset ${target.name}` : target.kind === 'cmd' ? `--cmd '${target.template}'` : `--url ${target.url}`;
  const python = `${options.python ? ` --python ${options.python}` : ''}${tlsFlags(tls)}`;
  const observer = session.observe({ kind: 'server', name: nameOf(target), cases: selectServerCases(options.only, options.shard).length });
  const certified = await certifyServer({
    target,
    timeoutMs: options.timeoutMs,
    ...(options.python ? { python: options.python } : {}),
    only: options.only,
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    rerun: (id) => `npx wsgi-conformance server ${how}${python} --only ${id}`,
    ...(tls ? { tls } : {}),
    ...observer,
  });
  // The generative phase (--fuzz-runs N): its results join this target's stream.
  const fuzzNotes = options.fuzzRuns && !certified.target.error ? await fuzzPhase(target, options, options.fuzzRuns, how, observer) : [];
  const notes = [...(certified.notes ?? []), ...fuzzNotes];
  session.end({ ...certified, ...(notes.length ? { notes } : {}) });
}

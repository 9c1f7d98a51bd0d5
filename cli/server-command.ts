/** `wsgi-conformance server (--preset NAME | --cmd TEMPLATE | --url URL)`: certify a server over HTTP. */
import { parseArgs } from 'node:util';
import type { ServerTarget } from '../harness/server/launcher.js';
import { presets } from '../harness/server/presets.js';
import { selectServerCases } from '../suites/server/certify.js';
import { takeFuzzRuns } from './fuzz-phase.js';
import { matrixRun } from './matrix-command.js';
import { parseRunOptions } from './options.js';
import { RunSession } from './run-session.js';
import { certifyServerTarget, checkTarget } from './server-target.js';
import { takeTlsOptions } from './tls-options.js';
import { UsageError } from './usage.js';

function targetOf(argv: string[]): { target: ServerTarget; rest: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: false,
      allowPositionals: true,
      options: { preset: { type: 'string' }, cmd: { type: 'string' }, url: { type: 'string' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { preset, cmd, url } = parsed.values as { preset?: string; cmd?: string; url?: string };
  const given = [preset, cmd, url].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw new UsageError(
      `server needs exactly one of --preset NAME, --cmd TEMPLATE or --url URL (presets: ` +
        `${presets.map((p) => p.name).join(', ')})`,
    );
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (['--preset', '--cmd', '--url'].includes(a)) i++;
    else if (!/^--(preset|cmd|url)=/.test(a)) rest.push(a);
  }
  const target: ServerTarget =
    preset !== undefined
      ? { kind: 'preset', name: preset }
      : cmd !== undefined
        ? { kind: 'cmd', template: cmd }
        : { kind: 'url', url: url ?? '' };
  return { target, rest };
}

export async function serverCommand(argv: string[]): Promise<number> {
  const { tls, rest: withoutTls } = takeTlsOptions(argv);
  const { fuzzRuns, rest: args } = takeFuzzRuns(withoutTls);
  const { target, rest } = targetOf(args);
  const options = { ...parseRunOptions(rest), fuzzRuns };
  if (tls?.ca !== undefined && target.kind !== 'url')
    throw new UsageError('--tls-ca is for --url https://...; with --preset or --cmd, --tls makes a throwaway CA');
  if (tls && target.kind === 'url' && !target.url.startsWith('https://'))
    throw new UsageError(`--tls with --url needs an https:// URL and --tls-ca CA.pem (got ${target.url})`);
  if (target.kind === 'url' && target.url.startsWith('https://') && tls?.ca === undefined)
    throw new UsageError(`--url ${target.url} is https: give the CA that signed its certificate with --tls-ca CA.pem`);
  if (options.positionals.length)
    throw new UsageError(`server takes no positional arguments (got ${options.positionals.join(' ')})`);
  if (options.only.length && !selectServerCases(options.only).length)
    throw new UsageError(
      `--only ${options.only.join(',')} matches no server case or rule id (see: wsgi-conformance rules)`,
    );
  if (target.kind === 'preset' && target.name === 'all') return matrixRun(['all'], options, tls);
  checkTarget(target);
  const session = new RunSession(options);
  session.checkBaseline('server');
  return session.run(() => certifyServerTarget(session, target, options, tls));
}

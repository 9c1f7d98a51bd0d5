/** `wsgi-conformance server (--preset NAME | --cmd TEMPLATE | --url URL)`: certify a server over HTTP. */
import { parseArgs } from 'node:util';
import { presets } from '../harness/server/presets.js';
import type { ServerTarget } from '../harness/server/launcher.js';
import { certifyServer, selectServerCases } from '../suites/server/certify.js';
import { emitReport } from './emit.js';
import { parseRunOptions } from './options.js';
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

export async function serverCommand(argv: string[]): Promise<number> {
  const { target, rest } = targetOf(argv);
  const options = parseRunOptions(rest);
  if (options.positionals.length) throw new UsageError(`server takes no positional arguments (got ${options.positionals.join(' ')})`);
  if (options.only.length && !selectServerCases(options.only).length) throw new UsageError(`--only ${options.only.join(',')} matches no server case or rule id (see: wsgi-conformance rules)`);
  const how = target.kind === 'preset' ? `--preset ${target.name}` : target.kind === 'cmd' ? `--cmd '${target.template}'` : `--url ${target.url}`;
  const python = options.python ? ` --python ${options.python}` : '';
  const report = await certifyServer({
    target,
    timeoutMs: options.timeoutMs,
    ...(options.python ? { python: options.python } : {}),
    only: options.only,
    rerun: (id) => `npx wsgi-conformance server ${how}${python} --only ${id}`,
  });
  return emitReport(report, options);
}

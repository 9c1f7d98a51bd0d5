/** `wsgi-conformance server (--preset NAME | --cmd TEMPLATE | --url URL)`: certify a server over HTTP. */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { checkPreset, presets } from '../harness/server/presets.js';
import type { ServerTarget } from '../harness/server/launcher.js';
import { certifyServer, selectServerCases } from '../suites/server/certify.js';
import { emitReport } from './emit.js';
import { parseRunOptions, type RunOptions } from './options.js';
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
  if (target.kind === 'preset' && target.name === 'all') return allPresets(options);
  return certifyOne(target, options, options);
}

async function certifyOne(target: ServerTarget, options: RunOptions, emitTo: RunOptions): Promise<number> {
  const how = target.kind === 'preset' ? `--preset ${target.name}` : target.kind === 'cmd' ? `--cmd '${target.template}'` : `--url ${target.url}`;
  const python = options.python ? ` --python ${options.python}` : '';
  const report = await certifyServer({
    target,
    timeoutMs: options.timeoutMs,
    ...(options.python ? { python: options.python } : {}),
    only: options.only,
    rerun: (id) => `npx wsgi-conformance server ${how}${python} --only ${id}`,
  });
  return emitReport(report, emitTo);
}

/** --preset all: every installed preset in turn (each report in DIR/<preset>/ with --out). */
async function allPresets(options: RunOptions): Promise<number> {
  let worst = 0;
  for (const preset of presets) {
    const check = await checkPreset(preset, options.python);
    if (!check.installed) {
      process.stdout.write(`\n${preset.name}: skipped, ${check.reason}\n`);
      continue;
    }
    process.stdout.write(`\n== ${preset.name}\n`);
    const code = await certifyOne({ kind: 'preset', name: preset.name }, options, { ...options, ...(options.out ? { out: join(options.out, preset.name) } : {}) });
    worst = Math.max(worst, code);
  }
  return worst;
}

/**
 * Start the WSGI server under test (a preset, or a --cmd template) hosting an application,
 * or attach to one already running (a URL). Everything we start lives in its own process
 * group and is killed as a group: on stop(), and by a process-wide net on exit and signals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fromRoot } from '../paths.js';
import { ManagedServer } from './managed-server.js';
import { canConnect, freePort } from './net-check.js';
import { checkPreset, getPreset, presets, type Preset } from './presets.js';
import { choosePython, runPython } from './python-check.js';
import { LaunchError, type LaunchOptions, type RunningServer } from './server-types.js';
import { PLACEHOLDERS, placeholdersOf, TemplateError } from './template.js';
import { makeTlsMaterial, readCa, TlsSetupError, type TlsClient, type TlsMaterial } from './tls.js';

export type { AppSpec, LaunchErrorCode, LaunchOptions, RunningServer, ServerTarget } from './server-types.js';
export { LaunchError } from './server-types.js';

export const ADAPTERS_DIR = fromRoot('harness', 'python', 'servers');

export async function launch(options: LaunchOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const target = options.target;
  if (target.kind === 'url') return attach(target.url, options.tls?.ca);
  const preset = target.kind === 'preset' ? findPreset(target.name) : undefined;
  const template =
    tlsTemplate(preset, options.tls) ?? preset?.template ?? (target.kind === 'cmd' ? target.template : '');
  const used = templatePlaceholders(template, preset);
  checkTlsPlaceholders(used, Boolean(options.tls), preset);

  let python: string | undefined;
  if (preset) {
    const check = await checkPreset(preset, options.python);
    if (!check.installed)
      throw new LaunchError('not-installed', `the ${preset.name} preset cannot run here: ${check.reason}`);
    python = check.python;
  } else if (used.includes('python')) {
    const choice = await choosePython(undefined, options.python);
    if (choice.python === undefined)
      throw new LaunchError(
        'not-installed',
        `no Python interpreter for {python}: ${choice.reasons.join('; ')}; pass --python`,
      );
    python = choice.python;
  }
  const version = preset && python ? runPython(python, preset.version) : undefined;

  const { app } = options;
  const port = await freePort(host);
  const workDir = mkdtempSync(join(tmpdir(), 'wsgi-conf-server-'));
  const tls = options.tls ? tlsFiles(workDir, host) : undefined;
  const values: Record<string, string> = {
    host,
    port: String(port),
    app: `${app.module}:${app.callable}`,
    app_module: app.module,
    app_callable: app.callable,
    app_dir: app.dir,
    app_file: app.file,
    adapters: ADAPTERS_DIR,
    ...(python !== undefined && { python }),
    ...(tls && { cert: tls.material.cert, key: tls.material.key, ca: tls.material.ca }),
  };
  const inherited = options.env?.PYTHONPATH ?? process.env.PYTHONPATH;
  const server = new ManagedServer({
    name: preset?.name ?? 'cmd',
    template,
    values,
    ...(preset && { preset }),
    // {python} is the interpreter only when the command runs it (uwsgi, Apache embed their own).
    ...(python !== undefined && used.includes('python') && { python }),
    host,
    port,
    app,
    env: {
      ...options.env,
      PYTHONPATH: [app.dir, inherited].filter(Boolean).join(delimiter),
      PYTHONUNBUFFERED: '1',
    },
    startTimeoutMs: options.startTimeoutMs ?? 15_000,
    workDir,
    ...(tls && { tls }),
  });
  try {
    await server.start();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const v = await version;
  if (v?.ok && v.stdout.trim()) server.version = v.stdout.trim();
  return server;
}

function findPreset(name: string): Preset {
  const preset = getPreset(name);
  if (preset) return preset;
  const list = presets.map((p) => `  ${p.name.padEnd(17)} ${p.description}`).join('\n');
  throw new LaunchError(
    'bad-template',
    `unknown server preset '${name}'; the presets are:\n${list}\nor give your own command with --cmd`,
  );
}

/** Placeholders the template uses; a --cmd template may only use the documented ones. */
function templatePlaceholders(template: string, preset: Preset | undefined): string[] {
  let used: string[];
  try {
    used = placeholdersOf(template);
  } catch (e) {
    if (e instanceof TemplateError) throw new LaunchError('bad-template', e.message);
    throw e;
  }
  const unknown = preset ? [] : used.filter((name) => !Object.hasOwn(PLACEHOLDERS, name));
  if (unknown.length) {
    const known = Object.entries(PLACEHOLDERS)
      .map(([k, v]) => `  {${k}}  ${v}`)
      .join('\n');
    throw new LaunchError(
      'bad-template',
      `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')} in: ${template}\nthe placeholders are:\n${known}`,
    );
  }
  return used;
}

/** The preset's TLS template under --tls; a preset without TLS support cannot be run so. */
function tlsTemplate(preset: Preset | undefined, tls: LaunchOptions['tls']): string | undefined {
  if (!preset || !tls) return undefined;
  const how = preset.tls;
  if (!how || 'unsupported' in how)
    throw new LaunchError(
      'no-tls',
      `the ${preset.name} preset cannot serve TLS: ` +
        `${how && 'unsupported' in how ? how.unsupported : 'no TLS setup is known for it'}`,
    );
  return how.template;
}

/** {cert} {key} {ca} exist only under --tls, and a --tls command must load the certificate. */
function checkTlsPlaceholders(used: string[], tls: boolean, preset: Preset | undefined): void {
  const files = used.filter((u) => u === 'cert' || u === 'key' || u === 'ca');
  if (!tls && files.length)
    throw new LaunchError(
      'bad-template',
      `${files.map((f) => `{${f}}`).join(', ')} exist only with --tls (the suite then makes a throwaway certificate)`,
    );
  if (tls && !preset && !(used.includes('cert') && used.includes('key'))) {
    throw new LaunchError(
      'bad-template',
      '--tls with --cmd: the command must load the throwaway certificate, {cert} and {key} (e.g. --certfile ' +
        '{cert} --keyfile {key}); for a server with a certificate of its own, use --url https://... --tls-ca CA.pem',
    );
  }
}

function tlsFiles(workDir: string, host: string): { material: TlsMaterial; client: TlsClient } {
  try {
    const material = makeTlsMaterial(join(workDir, 'tls'), host);
    return { material, client: { ca: material.caPem } };
  } catch (e) {
    rmSync(workDir, { recursive: true, force: true });
    if (e instanceof TlsSetupError) throw new LaunchError('not-installed', e.message);
    throw e;
  }
}

/** A server someone else runs: we only check that it accepts TCP connections. */
async function attach(url: string, caFile?: string): Promise<RunningServer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new LaunchError('bad-template', `not an http:// URL: ${url}`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  const base = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  let tls: TlsClient | undefined;
  if (parsed.protocol === 'https:') {
    if (!caFile)
      throw new LaunchError(
        'bad-template',
        `${url} is https: give the CA that signed its certificate with --tls-ca CA.pem`,
      );
    try {
      tls = { ca: readCa(caFile) };
    } catch (e) {
      if (e instanceof TlsSetupError) throw new LaunchError('bad-template', e.message);
      throw e;
    }
  } else if (caFile) throw new LaunchError('bad-template', `--tls-ca is for an https:// URL, not ${url}`);
  const reachable = () => canConnect(host, port, 3000);
  if (!(await reachable())) {
    throw new LaunchError(
      'unreachable',
      `nothing accepts TCP connections at ${host}:${port} (${url}); start the server first, or let the suite ` +
        `start it with --preset or --cmd`,
    );
  }
  return {
    name: 'url',
    url: base,
    host,
    port,
    ...(tls && { tls }),
    alive: reachable,
    async restart(reason: string) {
      if (!(await reachable())) {
        throw new LaunchError(
          'unreachable',
          `${url} stopped accepting connections (${reason}); the suite cannot restart a server it did not start: ` +
            `restart it and run again`,
        );
      }
    },
    async stop() {},
    output: () => '',
  };
}

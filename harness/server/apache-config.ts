/**
 * The mod_wsgi preset's Apache: a minimal httpd.conf of our own in the server's work dir,
 * so nothing of the machine's Apache setup (sites, modules, envvars) is used or touched.
 * Daemon mode with mod_wsgi's defaults (one process, 15 threads) is what its documentation
 * recommends over embedded mode.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PresetContext, PresetSetup } from './server-types.js';

const MODULES = '/usr/lib/apache2/modules';

/** An Apache config string argument: quoted, with backslash and quote escaped. */
function q(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Debian calls the unprivileged group nogroup; other systems call it nobody. */
function unprivilegedGroup(): string {
  try {
    return /^nogroup:/m.test(readFileSync('/etc/group', 'utf8')) ? 'nogroup' : 'nobody';
  } catch {
    return 'nobody';
  }
}

export async function apacheSetup({ host, port, app, workDir, env, tls }: PresetContext): Promise<PresetSetup> {
  const errorLog = join(workDir, 'error.log');
  const config = join(workDir, 'httpd.conf');
  const asRoot = process.getuid?.() === 0;
  const lines = [
    `ServerRoot ${q(workDir)}`,
    `ServerName ${host}`,
    `Listen ${host.includes(':') ? `[${host}]` : host}:${port}`,
    `PidFile ${q(join(workDir, 'apache2.pid'))}`,
    `DefaultRuntimeDir ${q(workDir)}`,
    `ErrorLog ${q(errorLog)}`,
    'LogLevel warn',
    `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so`,
    `LoadModule authz_core_module ${MODULES}/mod_authz_core.so`,
    `LoadModule wsgi_module ${MODULES}/mod_wsgi.so`,
    // --tls: mod_ssl on the one listener, with its defaults (no SSLOptions +StdEnvVars).
    ...(tls
      ? [
          `LoadModule ssl_module ${MODULES}/mod_ssl.so`,
          'SSLEngine on',
          `SSLCertificateFile ${q(tls.cert)}`,
          `SSLCertificateKeyFile ${q(tls.key)}`,
        ]
      : []),
    // Apache refuses to serve requests as root; its children switch to these.
    ...(asRoot ? ['User nobody', `Group ${unprivilegedGroup()}`] : []),
    `WSGISocketPrefix ${q(join(workDir, 'wsgi'))}`,
    `WSGIDaemonProcess wsgi-conformance python-path=${q(app.dir)}`,
    'WSGIProcessGroup wsgi-conformance',
    `WSGICallableObject ${app.callable}`,
    `WSGIScriptAlias / ${q(app.file)}`,
    `<Directory ${q(app.dir)}>`,
    '    Require all granted',
    '</Directory>',
    '',
  ];
  writeFileSync(config, lines.join('\n'));
  if (asRoot) {
    // The workers run as nobody: they reach the daemon sockets here and write probe files.
    chmodSync(workDir, 0o755);
    const probeDir = env.WSGI_CONFORMANCE_PROBE_DIR;
    if (probeDir) chmodSync(probeDir, 0o777);
  }
  return { vars: { config }, logFiles: [errorLog] };
}

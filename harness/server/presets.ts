/**
 * The WSGI servers the suite knows how to start, each with its default, recommended
 * settings: a preset certifies the server as people deploy it, never a configuration tuned
 * to pass. Packages and paths are Debian's (see .ci/run).
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { apacheSetup } from './apache-config.js';
import type { PresetContext, PresetSetup } from './server-types.js';
import { choosePython } from './python-check.js';

export type { PresetContext, PresetSetup } from './server-types.js';

export interface Preset {
  name: string;
  description: string;
  /** Python import that proves it is installed (absent for servers that embed Python). */
  module?: string;
  /** Commands (on PATH or absolute) and files that must exist, e.g. binaries and plugins. */
  requires?: string[];
  /** What to apt-get install. */
  install: string;
  /** Python snippet printing the server's name and version. */
  version: string;
  /** A --cmd template (see template.ts for the placeholders). */
  template: string;
  notes?: string;
  /** Writes config files into the work dir before each start. */
  setup?: (context: PresetContext) => Promise<PresetSetup>;
  /**
   * --tls: how the server terminates TLS itself (a template with {cert} and {key}, or the
   * plain one when `setup` writes the TLS configuration), with its documentation; or why
   * it cannot, which makes every case a skip with that reason.
   */
  tls?: PresetTls;
}

export type PresetTls = { template?: string; docs: string } | { unsupported: string };

const dist = (label: string, name: string) =>
  `from importlib.metadata import version; print(${JSON.stringify(label)}, version(${JSON.stringify(name)}))`;
const adapter = (name: string) => `{python} {adapters}/serve_${name}.py {host} {port} {app}`;
/** The adapters take the certificate and key after the app (harness/python/servers/_wsgiconf_serve.py). */
const adapterTls = (name: string, docs: string): PresetTls => ({ template: `${adapter(name)} {cert} {key}`, docs });
const gunicornTls = (template: string): PresetTls => ({
  template: `${template} --certfile {cert} --keyfile {key}`,
  docs: 'https://docs.gunicorn.org/en/stable/settings.html#ssl',
});

export const presets: readonly Preset[] = [
  {
    name: 'wsgiref',
    description: 'wsgiref.simple_server, the stdlib reference server (one request at a time)',
    module: 'wsgiref.simple_server',
    install: 'python3',
    version:
      `import sys, wsgiref.simple_server as s; print('wsgiref', s.__version__, '(Python ' + sys.version.split()[0] ` +
      `+ ')')`,
    template: adapter('wsgiref'),
    tls: { unsupported: 'wsgiref.simple_server serves plain HTTP only: it has no TLS support' },
  },
  {
    name: 'gunicorn',
    description: 'Gunicorn, default sync workers, 2 of them',
    module: 'gunicorn',
    install: 'python3-gunicorn',
    version: dist('gunicorn', 'gunicorn'),
    template: '{python} -m gunicorn --workers 2 --bind {host}:{port} {app}',
    tls: gunicornTls('{python} -m gunicorn --workers 2 --bind {host}:{port} {app}'),
  },
  {
    name: 'gunicorn-gthread',
    description: 'Gunicorn, gthread workers: 2 processes of 4 threads',
    module: 'gunicorn',
    install: 'python3-gunicorn',
    version: dist('gunicorn', 'gunicorn'),
    template: '{python} -m gunicorn --worker-class gthread --threads 4 --workers 2 --bind {host}:{port} {app}',
    tls: gunicornTls('{python} -m gunicorn --worker-class gthread --threads 4 --workers 2 --bind {host}:{port} {app}'),
  },
  {
    name: 'waitress',
    description: 'Waitress (waitress-serve), default 4 threads',
    module: 'waitress',
    install: 'python3-waitress',
    version: dist('waitress', 'waitress'),
    template: '{python} -m waitress --host={host} --port={port} {app}',
    tls: {
      unsupported:
        'Waitress does not terminate TLS: its documentation puts it behind a proxy that does ' +
        '(https://docs.pylonsproject.org/projects/waitress/en/stable/reverse-proxy.html)',
    },
  },
  {
    name: 'werkzeug',
    description: "Werkzeug's run_simple, threaded (as `flask run`), no reloader or debugger",
    module: 'werkzeug.serving',
    install: 'python3-werkzeug',
    version: dist('werkzeug', 'werkzeug'),
    template: adapter('werkzeug'),
    tls: adapterTls('werkzeug', 'https://werkzeug.palletsprojects.com/en/2.2.x/serving/#werkzeug.serving.run_simple'),
  },
  {
    name: 'cheroot',
    description: "Cheroot's CLI, which serves a WSGI callable with cheroot.wsgi.Server",
    module: 'cheroot.wsgi',
    install: 'python3-cheroot',
    version: dist('cheroot', 'cheroot'),
    template: '{python} -m cheroot --bind {host}:{port} {app}',
    // The CLI has no TLS options: the same server with its documented ssl_adapter.
    tls: adapterTls('cheroot_tls', 'https://docs.cherrypy.dev/en/latest/deploy.html#ssl-support'),
  },
  {
    name: 'uwsgi',
    description: 'uWSGI with its HTTP socket, a master and 2 worker processes',
    requires: ['uwsgi', '/usr/lib/uwsgi/plugins/python3_plugin.so'],
    install: 'uwsgi uwsgi-plugin-python3',
    version:
      `import subprocess; print('uWSGI', subprocess.run(['uwsgi', '--version'], capture_output=True, text=True, ` +
      `check=True).stdout.strip())`,
    // --die-on-term: without it uWSGI 2.0 treats SIGTERM as "reload", not "stop".
    // --need-app: without it a failed import leaves uWSGI up answering 500s (2.1's default).
    template:
      'uwsgi --plugin python3 --http-socket {host}:{port} --master --processes 2 --die-on-term --need-app ' +
      '--pythonpath {app_dir} --module {app}',
    tls: {
      template:
        'uwsgi --plugin python3 --https-socket {host}:{port},{cert},{key} --master --processes 2 --die-on-term ' +
        '--need-app --pythonpath {app_dir} --module {app}',
      docs: 'https://uwsgi-docs.readthedocs.io/en/latest/HTTPS.html',
    },
    notes:
      "Embeds the Python of its plugin (Debian's python3), whatever --python says. As root it warns and keeps " +
      'running as root.',
  },
  {
    name: 'gevent',
    description: 'gevent.pywsgi.WSGIServer after monkey.patch_all()',
    module: 'gevent.pywsgi',
    install: 'python3-gevent',
    version: dist('gevent', 'gevent'),
    template: adapter('gevent'),
    tls: adapterTls('gevent', 'https://www.gevent.org/api/gevent.pywsgi.html'),
  },
  {
    name: 'eventlet',
    description: 'eventlet.wsgi.server after eventlet.monkey_patch()',
    module: 'eventlet.wsgi',
    install: 'python3-eventlet',
    version: dist('eventlet', 'eventlet'),
    template: adapter('eventlet'),
    tls: adapterTls('eventlet', 'https://eventlet.readthedocs.io/en/latest/modules/wsgi.html#ssl'),
  },
  {
    name: 'twisted',
    description: "Twisted Web's WSGI resource (`twist web --wsgi`), on its thread pool",
    module: 'twisted.web.wsgi',
    install: 'python3-twisted',
    version: dist('Twisted', 'twisted'),
    template: '{python} -m twisted web --listen tcp:{port}:interface={host} --wsgi {app_module}.{app_callable}',
    tls: {
      template:
        '{python} -m twisted web --listen ssl:{port}:interface={host}:privateKey={key}:certKey={cert} --wsgi ' +
        '{app_module}.{app_callable}',
      docs: 'https://docs.twisted.org/en/stable/core/howto/endpoints.html#servers',
    },
  },
  {
    name: 'tornado',
    description: "tornado.wsgi.WSGIContainer on Tornado's HTTPServer",
    module: 'tornado.wsgi',
    install: 'python3-tornado',
    version: dist('tornado', 'tornado'),
    template: adapter('tornado'),
    tls: adapterTls('tornado', 'https://www.tornadoweb.org/en/stable/httpserver.html'),
  },
  {
    name: 'paste',
    description: 'paste.httpserver.serve, with its default thread pool',
    module: 'paste.httpserver',
    install: 'python3-paste',
    version: dist('Paste', 'paste'),
    template: adapter('paste'),
    // serve(ssl_context=...) asserts that `from OpenSSL import SSL, tsafe` worked: pyOpenSSL
    // dropped tsafe (0.14), so no pyOpenSSL Debian ships lets it serve TLS.
    tls: {
      unsupported:
        "paste.httpserver's TLS needs pyOpenSSL's OpenSSL.tsafe, which pyOpenSSL removed years ago: it cannot " +
        "serve TLS with Debian's python3-openssl",
    },
  },
  {
    name: 'uvicorn',
    description: "Uvicorn's WSGI interface (`uvicorn --interface wsgi`), its default single worker",
    module: 'uvicorn',
    install: 'python3-uvicorn',
    version: dist('uvicorn', 'uvicorn'),
    template: '{python} -m uvicorn --interface wsgi --host {host} --port {port} --no-access-log {app}',
  },
  {
    name: 'hypercorn',
    description: 'Hypercorn (asyncio worker) hosting the app through its AsyncioWSGIMiddleware',
    module: 'hypercorn.middleware',
    install: 'python3-hypercorn',
    version: dist('hypercorn', 'hypercorn'),
    template: adapter('hypercorn'),
  },
  {
    name: 'daphne',
    description: "Daphne hosting the app through asgiref's WsgiToAsgi",
    module: 'daphne.server',
    install: 'python3-daphne python3-asgiref',
    version:
      `from importlib.metadata import version; print('daphne', ` + `version('daphne'), 'asgiref', version('asgiref'))`,
    template: adapter('daphne'),
  },
  {
    name: 'aiohttp-wsgi',
    description: "aiohttp-wsgi's serve(): the app on aiohttp's server and its thread pool",
    module: 'aiohttp_wsgi',
    install: 'python3-aiohttp-wsgi',
    version: dist('aiohttp-wsgi', 'aiohttp-wsgi'),
    template: adapter('aiohttp_wsgi'),
  },
  {
    name: 'cherrypy',
    description: "CherryPy's engine and server with the app grafted (cherrypy.tree.graft), production environment",
    module: 'cherrypy',
    install: 'python3-cherrypy3',
    version: dist('CherryPy', 'cherrypy'),
    template: adapter('cherrypy'),
  },
  {
    name: 'hg-serve',
    description: "The HTTP server of Mercurial's `hg serve` (mercurial.hgweb.server) hosting the app",
    module: 'mercurial.hgweb.server',
    install: 'mercurial',
    version: `from mercurial import util; print('Mercurial', util.version().decode())`,
    template: adapter('hg'),
  },
  {
    name: 'mod_wsgi',
    description: 'Apache 2.4 (mpm_event) with mod_wsgi in daemon mode, in the foreground',
    requires: [
      '/usr/sbin/apache2',
      '/usr/lib/apache2/modules/mod_wsgi.so',
      '/usr/lib/apache2/modules/mod_mpm_event.so',
    ],
    install: 'apache2 libapache2-mod-wsgi-py3',
    version: `import re, subprocess
a = subprocess.run(['/usr/sbin/apache2', '-v'], capture_output=True, text=True).stdout
w = subprocess.run(['dpkg-query', '-W', '-f=\${Version}', 'libapache2-mod-wsgi-py3'],
                   capture_output=True, text=True).stdout
print(re.search(r'Apache/\\S+', a).group(0), 'mod_wsgi/' + (w.strip() or 'unknown'))`,
    template: '/usr/sbin/apache2 -DFOREGROUND -f {config}',
    notes:
      'Embeds Python 3 of libapache2-mod-wsgi-py3, whatever --python says. As root, the daemon processes run as ' +
      'nobody:nogroup, so the app and the probe directory must be readable (the probe directory writable) by them.',
    setup: apacheSetup,
    // apacheSetup adds mod_ssl (SSLEngine on) to the generated config.
    tls: { docs: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html' },
  },
];

export function getPreset(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}

export type PresetCheck = { installed: true; python: string } | { installed: false; reason: string };

/** Is the preset usable here, and with which interpreter (for {python} and its version snippet)? */
export async function checkPreset(preset: Preset, python?: string): Promise<PresetCheck> {
  const missing = (preset.requires ?? []).filter((r) => !findCommand(r));
  if (missing.length)
    return { installed: false, reason: `${missing.join(', ')} not found; apt-get install ${preset.install}` };
  const choice = await choosePython(preset.module, python);
  if (choice.python !== undefined) return { installed: true, python: choice.python };
  return {
    installed: false,
    reason:
      `${preset.module ? `cannot import ${preset.module}` : 'no Python'} (${choice.reasons.join('; ')}); apt-get ` +
      `install ${preset.install} (Debian's packages are for /usr/bin/python3), or pass --python an interpreter that ` +
      `has it`,
  };
}

export async function installedPresets(python?: string): Promise<Preset[]> {
  const checks = await Promise.all(
    presets.map(async (p) => ((await checkPreset(p, python)).installed ? p : undefined)),
  );
  return checks.filter((p): p is Preset => p !== undefined);
}

/** An absolute path that exists, or a command name found executable on PATH. */
export function findCommand(command: string): string | undefined {
  if (command.includes('/')) return existsSync(command) ? command : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** The launcher with real processes: templates, failures, restarts, stubborn servers, URLs. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS_DIR, launch, LaunchError, type LaunchOptions } from './launcher.js';
import { sleep } from './process-group.js';
import { HELLO, liveInGroup, ps, TEST_APP_DIR } from './test-app/ps.js';

async function launchError(options: Partial<LaunchOptions> & Pick<LaunchOptions, 'target'>): Promise<LaunchError> {
  const error = await launch({ app: HELLO, ...options }).then(
    async (server) => {
      await server.stop();
      throw new Error('launched');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LaunchError);
  return error as LaunchError;
}

const cmd = (template: string) => ({ kind: 'cmd', template }) as const;

describe.concurrent('launch', () => {
  it('fills every placeholder of a --cmd template and sets the environment', async () => {
    const probeDir = mkdtempSync(join(tmpdir(), 'wsgi-conf-probe-'));
    const template =
      `{python} '${TEST_APP_DIR}/echo_argv_server.py' {host} {port} {app} {app_file} {app_dir} {app_module} ` +
      `{app_callable} {adapters} 'two words'`;
    const server = await launch({ target: cmd(template), app: HELLO, env: { WSGI_CONFORMANCE_PROBE_DIR: probeDir } });
    try {
      const seen = (await (await fetch(server.url)).json()) as { argv: string[]; env: Record<string, string> };
      expect(seen.argv.slice(1)).toEqual([
        '127.0.0.1',
        String(server.port),
        'hello_app:application',
        HELLO.file,
        HELLO.dir,
        'hello_app',
        'application',
        ADAPTERS_DIR,
        'two words',
      ]);
      expect(seen.env.PYTHONPATH?.split(':')[0]).toBe(HELLO.dir);
      expect(seen.env).toMatchObject({ PYTHONUNBUFFERED: '1', WSGI_CONFORMANCE_PROBE_DIR: probeDir });
      expect(server).toMatchObject({ name: 'cmd', url: `http://127.0.0.1:${server.port}`, python: 'python3' });
      expect(server.command).toContain(`echo_argv_server.py 127.0.0.1 ${server.port} hello_app:application`);
      expect(server.command).toContain(`'two words'`);
    } finally {
      await server.stop();
      rmSync(probeDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['{python} -m waitress --port={prot} {app}', /unknown placeholder \{prot\}[\s\S]*\{port\}/],
    ['{python} -m waitress {app} > server.log', /unquoted '>'/],
  ])('refuses the template %j', async (template, message) => {
    const e = await launchError({ target: cmd(template) });
    expect(e.code).toBe('bad-template');
    expect(e.message).toMatch(message);
  });

  it('names the presets when the preset is unknown', async () => {
    const e = await launchError({ target: { kind: 'preset', name: 'gunicron' } });
    expect(e.code).toBe('bad-template');
    expect(e.message).toMatch(/unknown server preset 'gunicron'[\s\S]*gunicorn[\s\S]*waitress[\s\S]*mod_wsgi/);
  });

  it('says when the command does not exist', async () => {
    const e = await launchError({ target: cmd('no-such-wsgi-server --port {port}') });
    expect(e.code).toBe('not-installed');
    expect(e.message).toMatch(/command not found: no-such-wsgi-server/);
  });

  it('reports a server that exits at once, with its exit code and output', async () => {
    const e = await launchError({ target: cmd(`{python} -c "import sys; print('cannot start'); sys.exit(3)"`) });
    expect(e.code).toBe('exited');
    expect(e.message).toMatch(/code 3/);
    expect(e.message).toMatch(/cannot start/);
  });

  it('gives up on a server that never listens, quickly, and kills it', async () => {
    const marker = `never-listens-${randomUUID()}`;
    const started = Date.now();
    const e = await launchError({
      target: cmd(`{python} -c "import time; time.sleep(60)" ${marker}`),
      startTimeoutMs: 1500,
    });
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/within 1500 ms/);
    // Quickly: at its own 1500 ms, so before the 15 s default could have run out. A tighter bound
    // measured the machine's load instead (7.1 s at load 38, with 2 cores).
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(ps().filter((row) => row.args.includes(marker) && !row.stat.startsWith('Z'))).toEqual([]);
  });

  it('restarts a server killed with SIGKILL from outside, on the same port', async () => {
    const server = await launch({ target: { kind: 'preset', name: 'wsgiref' }, app: HELLO });
    try {
      const { port } = server;
      const first = server.pid as number;
      process.kill(-first, 'SIGKILL');
      for (let i = 0; i < 40 && (await server.alive()); i++) await sleep(50);
      expect(await server.alive()).toBe(false);
      await server.restart('killed by the test');
      expect(server.port).toBe(port);
      expect(server.pid).not.toBe(first);
      expect(await (await fetch(server.url)).text()).toBe('hello');
      expect(server.output()).toMatch(/restart: killed by the test/);
    } finally {
      await server.stop();
    }
  });

  it('kills a server that ignores SIGTERM and forks, children included', async () => {
    const server = await launch({
      target: cmd(`{python} '${TEST_APP_DIR}/stubborn_server.py' {host} {port}`),
      app: HELLO,
    });
    const pgid = server.pid as number;
    // Generous: on a loaded machine the forked children may report late.
    for (let i = 0; i < 200 && (server.output().match(/child \d+/g) ?? []).length < 2; i++) await sleep(50);
    const children = [...server.output().matchAll(/child (\d+)/g)].map((m) => Number(m[1]));
    expect(children).toHaveLength(2);
    expect(
      liveInGroup(pgid)
        .map((row) => row.pid)
        .sort(),
    ).toEqual([pgid, ...children].sort());
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900); // it had its grace period
    expect(liveInGroup(pgid)).toEqual([]);
    expect(ps().filter((row) => [pgid, ...children].includes(row.pid) && !row.stat.startsWith('Z'))).toEqual([]);
  }, 25_000);
});

describe('a server at a URL', () => {
  it('is checked, never started or stopped', async () => {
    const real = await launch({ target: { kind: 'preset', name: 'wsgiref' }, app: HELLO });
    try {
      const remote = await launch({ target: { kind: 'url', url: `${real.url}/` }, app: HELLO });
      expect(remote).toMatchObject({ name: 'url', url: real.url, host: '127.0.0.1', port: real.port });
      expect(await remote.alive()).toBe(true);
      await remote.restart('a check');
      await remote.stop();
      expect(await real.alive()).toBe(true);
      await real.stop();
      expect(await remote.alive()).toBe(false);
      await expect(remote.restart('gone')).rejects.toMatchObject({ code: 'unreachable' });
    } finally {
      await real.stop();
    }
  });

  it('is refused when nothing listens there', async () => {
    const e = await launchError({ target: { kind: 'url', url: 'http://127.0.0.1:1/' } });
    expect(e.code).toBe('unreachable');
  });
});

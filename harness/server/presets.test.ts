/** Every preset, for real: start it with the hello app, GET /, stop it, and ask ps what is left. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS_DIR, launch } from './launcher.js';
import { checkPreset, getPreset, installedPresets, presets } from './presets.js';
import { sleep } from './process-group.js';
import { HELLO, liveInGroup } from './test-app/ps.js';
import { PLACEHOLDERS, placeholdersOf } from './template.js';
import { itNeeds } from '../../test/requires.js';

const checks = new Map(await Promise.all(presets.map(async (p) => [p.name, await checkPreset(p)] as const)));

/** Servers with a master and workers: ps must see the workers, and see them go. */
const MIN_PROCESSES: Record<string, number> = { gunicorn: 3, 'gunicorn-gthread': 3, uwsgi: 3, mod_wsgi: 3 };

describe.concurrent('presets', () => {
  for (const preset of presets) {
    const check = checks.get(preset.name);
    const missing = !check?.installed && `${preset.install} is not installed (apt-get install ${preset.install})`;
    itNeeds(
      missing,
      `${preset.name}: serves the app, reports its version, leaves no process`,
      async () => {
        const probeDir = mkdtempSync(join(tmpdir(), 'wsgi-conf-probe-'));
        const server = await launch({
          target: { kind: 'preset', name: preset.name },
          app: HELLO,
          env: { WSGI_CONFORMANCE_PROBE_DIR: probeDir },
        });
        const pgid = server.pid as number;
        try {
          const response = await fetch(`${server.url}/`);
          expect(response.status).toBe(200);
          expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
          expect(await response.text()).toBe('hello');
          expect(server.version).toMatch(/\d+\.\d+/);
          expect(server.command).toBeTruthy();
          // The variable reached the worker that served the request.
          expect(readFileSync(join(probeDir, 'requests.log'), 'utf8')).toMatch(/^\d+ \/\n/);
          const min = MIN_PROCESSES[preset.name] ?? 1;
          for (let i = 0; i < 60 && liveInGroup(pgid).length < min; i++) await sleep(50);
          expect(liveInGroup(pgid).length).toBeGreaterThanOrEqual(min);
        } finally {
          await server.stop();
          rmSync(probeDir, { recursive: true, force: true });
        }
        expect(liveInGroup(pgid)).toEqual([]);
        expect(await server.alive()).toBe(false);
      },
      30_000,
    );
  }
});

describe('the preset table', () => {
  it('uses only known placeholders, and adapters that exist', () => {
    for (const preset of presets) {
      const extra = preset.setup ? ['config'] : [];
      for (const name of placeholdersOf(preset.template))
        expect([...Object.keys(PLACEHOLDERS), ...extra]).toContain(name);
      const adapter = /\{adapters\}\/(\S+)/.exec(preset.template)?.[1];
      if (adapter) expect(existsSync(join(ADAPTERS_DIR, adapter))).toBe(true);
    }
  });

  it('finds presets by name', () => {
    expect(getPreset('gunicorn')?.module).toBe('gunicorn');
    expect(getPreset('nope')).toBeUndefined();
  });

  it('lists the installed presets, wsgiref always among them', async () => {
    const names = (await installedPresets()).map((p) => p.name);
    expect(names).toContain('wsgiref');
    expect(names).toEqual(presets.filter((p) => checks.get(p.name)?.installed).map((p) => p.name));
  });

  it('says what to install when the interpreter lacks the server', async () => {
    const check = await checkPreset(getPreset('waitress')!, '/nonexistent/python3');
    expect(check).toMatchObject({ installed: false });
    if (!check.installed)
      expect(check.reason).toMatch(
        /python interpreter not found: \/nonexistent\/python3.*apt-get install python3-waitress/,
      );
  });
});

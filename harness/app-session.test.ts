/** Loading targets in every documented form, and picking an interpreter, with the real runner. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppSession } from './app-session.js';

const dir = mkdtempSync(join(tmpdir(), 'wsgi-conf-load-'));
const APP = `def application(environ, start_response):\n    start_response('200 OK', [])\n    return [b'ok']\n`;
writeFileSync(join(dir, 'plain.py'), APP);
writeFileSync(join(dir, 'named.py'), APP.replace('def application', 'def my_app'));
writeFileSync(
  join(dir, 'tutorial.py'),
  `from wsgiref.simple_server import make_server\n${APP.replace('application', 'hello')}\nprint('Serving on port ` +
    `8051...')\nhttpd = make_server('', 8051, hello)\nhttpd.serve_forever()\n`,
);
mkdirSync(join(dir, 'myproject'));
writeFileSync(join(dir, 'myproject', '__init__.py'), '');
writeFileSync(join(dir, 'myproject', 'wsgi.py'), APP);
writeFileSync(join(dir, 'site.wsgi'), APP);
writeFileSync(join(dir, 'broken_dep.py'), `import a_module_nobody_has\n${APP}`);
const sessions: AppSession[] = [];

async function open(target: string, python?: string) {
  const s = new AppSession({ target, cwd: dir, timeoutMs: 3000, ...(python ? { python } : {}) });
  sessions.push(s);
  return s.open();
}

afterAll(async () => Promise.all(sessions.map((s) => s.close())));

describe('loading a target', () => {
  it.each([
    ['plain.py', 'application', 'attribute'],
    ['named.py:my_app', 'my_app', 'attribute'],
    ['plain:application', 'application', 'attribute'],
    ['named:my_app', 'my_app', 'attribute'],
    ['tutorial.py', 'make_server(..., app)', 'make_server'],
    ['myproject.wsgi:application', 'application', 'attribute'],
    ['site.wsgi', 'application', 'attribute'],
  ])('%s', async (target, name, via) => {
    const r = await open(target);
    expect(r.ok && { name: r.loaded.name, via: r.loaded.via }).toEqual({ name, via });
  });

  it('captures the app of a tutorial script without binding its port or blocking', async () => {
    const r = await open('tutorial.py');
    expect(r.ok).toBe(true);
  });

  it.each([
    ['missing.py', /no such file/],
    ['named.py', /defines no 'application'/],
    ['broken_dep.py', /ModuleNotFoundError.*a_module_nobody_has/],
  ])('explains why %s cannot be loaded', async (target, message) => {
    const r = await open(target);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('names an interpreter that does not exist', async () => {
    const r = await open('plain.py', '/nonexistent/python3');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/python interpreter not found: \/nonexistent\/python3/);
  });
});

describe('a body that never ends', () => {
  it('is cut off by the gateway before the call deadline, also when it is too slow to reach the item cap', async () => {
    // One item per millisecond never reaches MAX_ITEMS in time: only the gateway's time cap can name it.
    writeFileSync(
      join(dir, 'slow_forever.py'),
      'import time\n\ndef application(environ, start_response):\n    start_response("200 OK", [])\n' +
        '    while True:\n        time.sleep(0.001)\n        yield b"x"\n',
    );
    const s = new AppSession({ target: 'slow_forever.py', cwd: dir, timeoutMs: 3000 });
    sessions.push(s);
    expect((await s.open()).ok).toBe(true);
    const record = await s.call('c1', { name: 'get', method: 'GET', path: '/' });
    expect(record.error?.code).toBe('endless-body');
  });
});

/** `COMMAND --help` for every command, the route options' usage errors, and their documentation. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { main } from './main.js';

const COMMANDS = ['app', 'server', 'matrix', 'merge', 'gallery', 'rules', 'explain', 'doctor'];
const ROUTE_OPTIONS = ['--path', '--request', '--header', '--data', '--requests', '--crawl', '--source-root'];

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(args);
  return {
    code,
    out: out.mock.calls.map((c) => String(c[0])).join(''),
    err: err.mock.calls.map((c) => String(c[0])).join(''),
  };
}

describe.sequential('wsgi-conformance COMMAND --help', () => {
  afterEach(() => vi.restoreAllMocks());

  for (const command of COMMANDS) {
    it(`${command} --help prints its usage and exits 0`, async () => {
      for (const flag of ['--help', '-h']) {
        const { code, out, err } = await run([command, flag]);
        expect(code).toBe(0);
        expect(err).toBe('');
        expect(out).toMatch(new RegExp(`^Usage: wsgi-conformance ${command}\\b`));
        for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
      }
    });
  }

  it('app --help lists every route option, and so do the overview and the README', async () => {
    const { out } = await run(['app', '--help']);
    const { out: overview } = await run(['--help']);
    const readme = readFileSync(fromRoot('README.md'), 'utf8');
    for (const option of [...ROUTE_OPTIONS, 'sarif']) {
      expect(out).toContain(option);
      expect(overview).toContain(option);
      expect(readme).toContain(option);
    }
  });

  it.each([
    [['app', 'x.py', '--crawl', '0'], /--crawl takes a number of requests from 1/],
    [['app', 'x.py', '--crawl'], /--crawl needs a value/],
    [['app', 'x.py', '--header', 'Accept: x'], /--header belongs to the --request \(or --path\) before it/],
    [['app', 'x.py', '--request', 'GET /', '--header', 'no colon'], /expected a header "Name: value"/],
    [['app', 'x.py', '--request', 'GET / HTTP/1.1 extra'], /expected "METHOD PATH"/],
    [['app', 'x.py', '--requests', 'no-such.http'], /--requests no-such\.http: cannot read it \(ENOENT\)/],
    [['app', 'x.py', '--source-root', 'no-such-dir'], /--source-root no-such-dir: not a folder/],
    [['app', 'x.py', '--data', 'a=1'], /--data belongs to the --request before it/],
  ])('%j is a usage error', async (args, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

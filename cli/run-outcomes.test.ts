/**
 * How runs end: exit 3 when the target could not be tested, an interrupted run's
 * stream closed with a footer saying so, reports that validate against the shipped JSON
 * Schemas, and doctor. Spawned like a user runs them, concurrently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { sleep } from '../harness/server/process-group.js';
import { cliAsync, cliRun, fixtureServer, SERVER_PYTHON, tempDir } from './test-support/run-cli.js';

const ajv = new Ajv2020({ strict: true, allErrors: true }).addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(fromRoot('schemas', name), 'utf8')));
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string; interrupted?: boolean });

describe.concurrent('how runs end', () => {
  it('writes a report.json and a stream that validate against the shipped JSON Schemas', async () => {
    const out = tempDir('schema');
    expect((await cliRun('app', 'examples/greeting_str.py', '--reporter', 'json,jsonl', '--out', out)).code).toBe(1);
    const report = schema('report.schema.json');
    expect(report(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))), ajv.errorsText(report.errors)).toBe(
      true,
    );
    const line = schema('stream.schema.json');
    const all = lines(join(out, 'results.jsonl'));
    for (const l of all) expect(line(l), ajv.errorsText(line.errors)).toBe(true);
    expect(all.map((l) => l.type)).toEqual(['header', ...all.slice(1, -1).map(() => 'result'), 'footer']);
    // A report that is not one is refused: the schema is not vacuous.
    expect(report({ tool: { name: 'wsgi-conformance', version: '1' }, results: 'no' })).toBe(false);
  });

  it.each([
    [
      'a server that exits at once',
      ['server', '--cmd', "{python} -c 'raise SystemExit(1)'"],
      /exited|did not start|would not start|printed nothing/,
    ],
    [
      'a probe the server cannot import',
      [
        'server',
        '--cmd',
        fixtureServer('clean_server.py', 'no_such_probe:application'),
        '--python',
        SERVER_PYTHON,
        '--fuzz-runs',
        '0',
      ],
      /No module named 'no_such_probe'/,
    ],
    ['an application that cannot be imported', ['app', 'fixtures/apps/hostile/import_error.py'], /could not test/],
  ])('exits 3 for %s, naming the cause', async (_, args, message) => {
    const r = await cliRun(...args);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(message);
  });

  it.each([
    [
      'an application that cannot be imported',
      ['app', 'fixtures/apps/hostile/import_error.py'],
      /could not test .*import_error/,
    ],
    ['a server that exits at once', ['server', '--cmd', "{python} -c 'raise SystemExit(1)'"], /could not test/],
  ])('prints why %s could not be tested on stderr, with file reporters only', async (_, args, message) => {
    const r = await cliRun(...args, '--reporter', 'json,html', '--out', tempDir('cause'));
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  it('closes the stream with an interrupted footer on Ctrl-C, writes the reports so far, exits 130', async () => {
    const out = tempDir('interrupt');
    const stream = join(out, 'results.jsonl');
    const { child, done } = cliAsync(
      'server',
      '--cmd',
      fixtureServer('clean_server.py'),
      '--python',
      SERVER_PYTHON,
      '--fuzz-runs',
      '0',
      '--reporter',
      'console,json,jsonl',
      '--out',
      out,
    );
    // Interrupted once a result is out, however long the start takes on a loaded machine (6 s was
    // too short at load 30): before it, there is no run to interrupt.
    for (let i = 0; i < 2250 && !(existsSync(stream) && lines(stream).some((l) => l.type === 'result')); i++)
      await sleep(20);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/interrupted \(SIGINT\); reporting the \d+ results so far/);
    const all = lines(stream);
    expect(all.at(-1)).toMatchObject({ type: 'footer', interrupted: true });
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      notes: string[];
      results: unknown[];
    };
    expect(report.results.length).toBe(all.filter((l) => l.type === 'result').length);
    expect(report.notes.join('\n')).toMatch(/the run was interrupted/);
  }, 90_000);

  it('doctor lists node, the interpreters, the presets and what to install; exits 0 when the core works', async () => {
    const r = await cliRun('doctor');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ node \d+\.\d+/);
    expect(r.out).toMatch(/python3: .*runner\.py and probe\.py import/);
    expect(r.out).toMatch(/wsgiref +wsgiref/);
    expect(r.out).toMatch(/mod_wsgi/);
    expect(r.out).toMatch(/xmllint/);
    expect(r.out).toMatch(/The core works/);
    const bad = await cliRun('doctor', '--python', '/no/such/python');
    expect(bad.code).toBe(3);
    expect(bad.out).toMatch(/✗ --python \/no\/such\/python: python interpreter not found/);
    // doctor imports every preset's server (19 interpreters): over 30 s at load 30 on 2 cores.
  }, 120_000);
});

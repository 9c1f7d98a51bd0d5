/**
 * --shard i/n and merge: the shards of a real run, joined, give the unsharded run's
 * results; a matrix comes out as one comparison, shardable too. Real servers (a broken
 * fixture server, and the wsgiref and werkzeug presets), real HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema, type Report } from '../reports/result.js';
import { parseStream } from '../reports/stream.js';
import { cliRun, fixtureServer, SERVER_PYTHON, tempDir } from './test-support/run-cli.js';

const readReport = (dir: string): Report =>
  ReportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
const verdicts = (report: Report) => report.results.map((r) => `${r.case} ${r.rule} ${r.outcome}`);

describe.concurrent('shards and merge', async () => {
  it('three shards of a server run, merged, equal the unsharded run', async () => {
    const dir = tempDir('shards');
    const server = [
      'server',
      '--cmd',
      fixtureServer('broken/env-cgi-str.py'),
      '--python',
      SERVER_PYTHON,
      '--fuzz-runs',
      '0',
    ];
    const whole = await cliRun(...server, '--reporter', 'json', '--out', join(dir, 'whole'));
    expect(whole.code).toBe(1);
    const shards: string[] = [];
    for (const i of [1, 2, 3]) {
      const r = await cliRun(...server, '--shard', `${i}/3`, '--reporter', 'jsonl', '--out', join(dir, `shard-${i}`));
      expect([0, 1]).toContain(r.code);
      shards.push(join(dir, `shard-${i}`, 'results.jsonl'));
    }
    const sizes = shards.map((f) => parseStream(readFileSync(f, 'utf8'), f)[0]?.header.cases ?? 0);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const merged = await cliRun('merge', ...shards.reverse(), '--reporter', 'json,jsonl', '--out', join(dir, 'merged'));
    expect(merged.code).toBe(whole.code);
    const [a, b] = [readReport(join(dir, 'whole')), readReport(join(dir, 'merged'))];
    expect(verdicts(b)).toEqual(verdicts(a));
    expect(b.summary).toEqual(a.summary);
    expect(verdicts(b)).toContain('environ-cgi-variables env-cgi-str fail');
    // The merged stream is a stream again (merge of merges works).
    const [run] = parseStream(readFileSync(join(dir, 'merged', 'results.jsonl'), 'utf8'), 'merged');
    expect(run?.header.shard).toBeUndefined();
    expect(run?.results).toHaveLength(a.results.length);
  }, 180_000);

  it('refuses to merge an incomplete set of shards, naming the missing one (exit 2)', async () => {
    const dir = tempDir('shards-missing');
    await cliRun('app', 'examples/greeting.py', '--shard', '1/2', '--reporter', 'jsonl', '--out', dir);
    const r = await cliRun('merge', join(dir, 'results.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/shard 2\/2 missing/);
  });

  it('runs a matrix into one comparison, and merges a sharded matrix per target', async () => {
    const dir = tempDir('matrix');
    const matrix = [
      'matrix',
      '--preset',
      'wsgiref,werkzeug',
      '--only',
      'environ-is-dict,input-read-size,close-after-success,errors-stream',
    ];
    const whole = await cliRun(...matrix, '--reporter', 'console,json,jsonl', '--out', join(dir, 'whole'));
    expect(whole.code, whole.err).toBe(0);
    expect(whole.out).toMatch(/== wsgiref[\s\S]*== werkzeug[\s\S]*PEP 3333 section +wsgiref +werkzeug/);
    expect(whole.out).toMatch(/passed +\d+\/\d+ +\d+\/\d+/);
    const runs = parseStream(readFileSync(join(dir, 'whole', 'results.jsonl'), 'utf8'), 'whole');
    expect(runs.map((r) => r.header.target.name)).toEqual(['wsgiref', 'werkzeug']);
    for (const name of ['wsgiref', 'werkzeug']) expect(readReport(join(dir, 'whole', name)).target.name).toBe(name);
    const shards: string[] = [];
    for (const i of [1, 2]) {
      await cliRun(...matrix, '--shard', `${i}/2`, '--reporter', 'jsonl', '--out', join(dir, `shard-${i}`));
      shards.push(join(dir, `shard-${i}`, 'results.jsonl'));
    }
    const merged = await cliRun('merge', ...shards, '--reporter', 'json', '--out', join(dir, 'merged'));
    expect(merged.code, merged.err).toBe(0);
    for (const name of ['wsgiref', 'werkzeug']) {
      expect(verdicts(readReport(join(dir, 'merged', name)))).toEqual(verdicts(readReport(join(dir, 'whole', name))));
    }
  }, 180_000);
});

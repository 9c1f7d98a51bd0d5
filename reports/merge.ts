/**
 * Joins the streams of the shards of a run (--shard i/n on several CI runners) into one run
 * per target. Refuses, naming the files, anything that would make a report lie: different
 * tool or server or Python versions, different options (TLS and the application's routes
 * included), a missing or doubled shard, a result twice.
 */
import { summarize, type Result } from './result.js';
import { STREAM_FORMAT, type BaselineVerdict, type StreamRun } from './stream.js';

export class MergeError extends Error {}

export interface SourcedRun {
  run: StreamRun;
  /** The file it came from, for messages. */
  source: string;
}

const pythonVersion = (python?: string) => /Python (\S+?)\)?$/.exec(python ?? '')?.[1];

/**
 * Everything about a run's header that must agree between its shards, as comparable strings;
 * undefined where a shard could not know (its server never started), compared with nothing.
 */
function identity({ header: h }: StreamRun): Record<string, string | undefined> {
  return {
    'tool version': `${h.tool.name} ${h.tool.version}`,
    'server version': h.target.version,
    'Python version': pythonVersion(h.target.python),
    '--only': [...h.options.only].sort().join(',') || '(all cases)',
    '--strict': String(h.options.strict),
    '--timeout': String(h.options.timeoutMs),
    '--baseline': h.options.baseline ?? '(none)',
    // Over TLS and over plain HTTP a server is judged on different exchanges (the scheme, the SSL variables).
    TLS: !h.options.tls ? 'off (plain HTTP)' : h.options.tls.ca ? `on, --tls-ca ${h.options.tls.ca}` : 'on (--tls)',
    // Other routes are other requests: each shard's route results would describe a different application run.
    'route options': h.options.routes?.length ? h.options.routes.join(' ') : '(none)',
    'shard count': String(h.shard?.count ?? 'unsharded'),
  };
}

export function mergeRuns(inputs: readonly SourcedRun[]): StreamRun[] {
  if (!inputs.length) throw new MergeError('nothing to merge');
  const groups = new Map<string, SourcedRun[]>();
  for (const input of inputs) {
    const key = `${input.run.header.target.kind} ${input.run.header.target.name}`;
    groups.set(key, [...(groups.get(key) ?? []), input]);
  }
  return [...groups].map(([key, runs]) => mergeGroup(key, runs));
}

function mergeGroup(key: string, runs: SourcedRun[]): StreamRun {
  const [first] = runs as [SourcedRun, ...SourcedRun[]];
  const known = new Map<string, { value: string; source: string }>();
  for (const { run, source } of runs) {
    for (const [what, value] of Object.entries(identity(run))) {
      const before = known.get(what);
      if (value === undefined) continue;
      if (before && before.value !== value)
        throw new MergeError(
          `refusing to mix runs of ${key}: ${before.source} has ${what} ${before.value}, ${source} has ${value}`,
        );
      known.set(what, { value, source });
    }
  }
  const count = first.run.header.shard?.count;
  if (count === undefined && runs.length > 1)
    throw new MergeError(`${key} ran unsharded in both ${first.source} and ${runs[1]?.source}: which one is meant?`);
  if (count !== undefined) {
    const seen = new Map<number, string>();
    for (const { run, source } of runs) {
      const i = run.header.shard?.index ?? 0;
      if (seen.has(i)) throw new MergeError(`${key}: shard ${i}/${count} is in both ${seen.get(i)} and ${source}`);
      seen.set(i, source);
    }
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
    const shards = (list: number[]) => list.map((i) => `${i}/${count}`).join(', ');
    if (missing.length)
      throw new MergeError(
        `${key}: shard${missing.length > 1 ? 's' : ''} ${shards(missing)} missing ` +
          `(got ${shards([...seen.keys()].sort())}); pass every shard's stream`,
      );
  }
  const results: Result[] = [];
  const where = new Map<string, string>();
  for (const { run, source } of runs) {
    for (const r of run.results) {
      const id = `${r.case} ${r.rule}`;
      if (where.has(id))
        throw new MergeError(
          `${key}: result ${id} is in both ${where.get(id)} and ${source}; were the shards run with different ` +
            `suite versions?`,
        );
      where.set(id, source);
      results.push(r);
    }
  }
  const tag = (run: StreamRun) =>
    run.header.shard && runs.length > 1 ? `shard ${run.header.shard.index}/${run.header.shard.count}: ` : '';
  const notes = runs.flatMap(({ run }) => (run.footer.notes ?? []).map((n) => `${tag(run)}${n}`));
  const baselines = runs.map(({ run }) => run.footer.baseline).filter((b): b is BaselineVerdict => b !== undefined);
  // The header of a shard whose server started (its version, command); without any, the first.
  const { shard: _shard, ...header } = (runs.find(({ run }) => !run.header.target.error) ?? first).run.header;
  const failed = runs.filter(({ run }) => run.header.target.error);
  if (failed.length < runs.length)
    for (const { run } of failed) notes.push(`${tag(run)}could not test: ${run.header.target.error}`);
  const interrupted = runs.filter(({ run }) => run.footer.interrupted);
  if (interrupted.length)
    notes.push(
      `${interrupted.map((r) => r.source).join(', ')} ${interrupted.length > 1 ? 'were' : 'was'} interrupted: the ` +
        `merged verdict is incomplete`,
    );
  return {
    header: {
      ...header,
      format: STREAM_FORMAT,
      cases: runs.reduce((n, { run }) => n + run.header.cases, 0),
      startedAt: runs.map(({ run }) => run.header.startedAt).sort()[0] ?? '',
    },
    results,
    footer: {
      type: 'footer',
      summary: summarize(results),
      interrupted: interrupted.length > 0,
      finishedAt:
        runs
          .map(({ run }) => run.footer.finishedAt)
          .sort()
          .at(-1) ?? '',
      ...(notes.length ? { notes } : {}),
      ...(baselines.length
        ? {
            baseline: {
              file: baselines[0]?.file ?? '',
              unexpectedPasses: baselines.flatMap((b) => b.unexpectedPasses),
              expired: baselines.flatMap((b) => b.expired),
            },
          }
        : {}),
    },
  };
}

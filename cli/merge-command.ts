/**
 * `wsgi-conformance merge FILE... [--out DIR] [--reporter LIST]`: joins the result streams of
 * the shards of a run (one results.jsonl per CI runner) into one report per target, rendered
 * like any run; `--reporter jsonl` writes the merged stream. The exit code is the run's.
 */
import { readFileSync } from 'node:fs';
import { writeAtomic } from '../reports/json.js';
import { MergeError, mergeRuns, type SourcedRun } from '../reports/merge.js';
import { STREAM_REPORTER } from '../reports/registry.js';
import { parseStream, renderLine, StreamError, type StreamRun } from '../reports/stream.js';
import { emitRuns } from './emit.js';
import { parseRunOptions } from './options.js';
import { UsageError } from './usage.js';

export async function mergeCommand(argv: string[]): Promise<number> {
  const options = parseRunOptions(argv);
  const files = options.positionals;
  if (!files.length)
    throw new UsageError(
      'merge needs the result streams to join: wsgi-conformance merge shard-1/results.jsonl shard-2/results.jsonl ' +
        '... [--out DIR]',
    );
  const misplaced = [
    options.shard && '--shard',
    options.baseline && '--baseline',
    options.only.length && '--only',
    options.python && '--python',
  ].filter(Boolean);
  if (misplaced.length)
    throw new UsageError(
      `merge takes no ${misplaced.join(', ')}: it joins runs as they were made (each stream's header records ` +
        `their options and baseline)`,
    );
  const inputs: SourcedRun[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(
        `cannot read ${file}: ` +
          `${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
      );
    }
    try {
      inputs.push(...parseStream(text, file).map((run) => ({ run, source: file })));
    } catch (e) {
      if (e instanceof StreamError) throw new UsageError(e.message);
      throw e;
    }
  }
  let runs: StreamRun[];
  try {
    runs = mergeRuns(inputs);
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
  if (options.reporters.includes(STREAM_REPORTER.name)) {
    const text = runs
      .map((r) =>
        [r.header, ...r.results.map((result) => ({ type: 'result' as const, result })), r.footer]
          .map(renderLine)
          .join(''),
      )
      .join('');
    if (options.out) await writeAtomic(options.out, STREAM_REPORTER.file, text);
    else process.stdout.write(text);
  }
  return (await emitRuns(runs, options)).code;
}

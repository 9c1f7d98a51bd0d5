/**
 * `wsgi-conformance gallery` (npm start): certifies the teaching examples. The broken ones
 * declare the rules they break; the run passes when every example breaks exactly those.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WarmRunners } from '../harness/app-session.js';
import { fromRoot } from '../harness/paths.js';
import { renderConsole } from '../reports/console.js';
import { renderJson, writeAtomic } from '../reports/json.js';
import type { Report } from '../reports/result.js';
import { styleFor } from '../reports/style.js';
import { certifyApp } from '../suites/app/certify.js';
import { certifyMiddleware } from '../suites/middleware/certify.js';
import { compare } from '../suites/app/expectations.js';
import { withImplied } from '../spec/implied.js';
import { parseRunOptions } from './options.js';
import { mapPool } from '../harness/pool.js';
import { UsageError } from './usage.js';

const Gallery = z.object({
  examples: z.array(
    z.object({
      file: z.string(),
      title: z.string(),
      lesson: z.string(),
      expectFail: z.array(z.string()),
      expectWarn: z.array(z.string()),
      /** A middleware example: the factory's name in the file (certified with `middleware FILE:NAME`). */
      middleware: z.string().optional(),
    }),
  ),
});
type Example = z.infer<typeof Gallery>['examples'][number];

export function loadGallery(): Example[] {
  return Gallery.parse(JSON.parse(readFileSync(fromRoot('examples', 'gallery.json'), 'utf8'))).examples;
}

/** What differs between an example's declared and actual findings (empty: as declared). */
export function mismatches(example: Example, report: Report): string[] {
  return compare({ fail: example.expectFail, warn: example.expectWarn }, report);
}

/** Certifies one example: an application, or a middleware factory when the example names one. */
export function certifyExample(
  ex: Example,
  o: { timeoutMs: number; python?: string; only?: readonly string[]; runners?: WarmRunners },
): Promise<Report> {
  const common = {
    cwd: fromRoot('examples'),
    timeoutMs: o.timeoutMs,
    ...(o.python ? { python: o.python } : {}),
    only: o.only ?? [],
    expectBroken: withImplied([...ex.expectFail, ...ex.expectWarn]),
  };
  const path = join(fromRoot('examples'), ex.file);
  if (ex.middleware) {
    const target = `${path}:${ex.middleware}`;
    return certifyMiddleware({
      ...common,
      target,
      rerun: (id) => `npx wsgi-conformance middleware examples/${ex.file}:${ex.middleware} --only ${id}`,
    });
  }
  return certifyApp({
    ...common,
    ...(o.runners ? { runners: o.runners } : {}),
    target: path,
    rerun: (id) => `npx wsgi-conformance app examples/${ex.file} --only ${id}`,
  });
}

export async function galleryCommand(argv: string[]): Promise<number> {
  const options = parseRunOptions(argv);
  if (options.positionals.length)
    throw new UsageError(
      `gallery takes no TARGET (got ${options.positionals.join(' ')}); use "app TARGET" for one file`,
    );
  if (options.shard || options.baseline)
    throw new UsageError('gallery takes neither --shard nor --baseline: its examples declare what they break');
  const unsupported = options.reporters.filter((r) => r !== 'console' && r !== 'json');
  if (unsupported.length)
    throw new UsageError(`gallery writes console and json reports only (got ${unsupported.join(', ')})`);
  const examples = loadGallery();
  const s = styleFor(process.stdout);
  // One warm runner per worker for the whole gallery: Python starts twice, not once per example.
  const runners = new WarmRunners();
  const reports = await mapPool(examples, (ex) =>
    certifyExample(ex, {
      runners,
      timeoutMs: options.timeoutMs,
      only: options.only,
      ...(options.python ? { python: options.python } : {}),
    }),
  ).finally(() => runners.close());
  let bad = 0;
  const summary: string[] = [];
  for (const [i, ex] of examples.entries()) {
    const report = reports[i] as Report;
    const off = mismatches(ex, report);
    if (off.length) bad++;
    if (options.reporters.includes('console')) {
      const heading = s.bold(`== examples/${ex.file}: ${ex.title}`);
      const lesson = s.dim(ex.lesson);
      const rendered = renderConsole(report, s, { verbose: options.verbose, compact: true });
      process.stdout.write(`\n${heading}\n${lesson}\n${rendered}\n`);
    }
    if (options.reporters.includes('json') && options.out)
      await writeAtomic(options.out, `${ex.file.replace(/\.py$/, '')}.report.json`, renderJson(report));
    const declared = [...ex.expectFail, ...ex.expectWarn];
    const mark = off.length ? s.red('✗') : s.green('✓');
    const behaved = declared.length ? s.dim(`breaks ${declared.join(', ')} as declared`) : s.dim('clean');
    summary.push(`  ${mark} ${ex.file.padEnd(28)} ${off.length ? off.join('; ') : behaved}`);
  }
  const total = bad
    ? s.red(`${bad} example(s) did not behave as declared`)
    : s.green(`all ${examples.length} examples behaved as declared`);
  process.stdout.write(`\n${s.bold('Gallery')}\n${summary.join('\n')}\n${total}\n`);
  return bad ? 1 : 0;
}

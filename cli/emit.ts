/**
 * Renders a finished (or interrupted) run from its stream's contents through the chosen
 * reporters, applies --update-baseline, and decides the exit code (README "Exit codes").
 */
import { join } from 'node:path';
import { writeAtomic } from '../reports/json.js';
import { getReporter, STREAM_REPORTER } from '../reports/registry.js';
import { EXIT, exitCode, summarize, untestedCause, type Report } from '../reports/result.js';
import { reportOf, type BaselineVerdict, type StreamRun } from '../reports/stream.js';
import { styleFor } from '../reports/style.js';
import { BaselineBook } from './baseline.js';
import { describeChange, updateBaseline, writeBaseline } from './baseline-update.js';
import { caseOrder } from './case-order.js';
import type { RunOptions } from './options.js';

export interface Emitted {
  code: number;
  reports: Report[];
}

export async function emitRuns(runs: readonly StreamRun[], options: RunOptions, book?: BaselineBook): Promise<Emitted> {
  const reports = runs.map((run) => reportOf(run, caseOrder(run.header.target.kind)));
  const context = { style: styleFor(process.stdout), verbose: options.verbose, strict: options.strict };
  const written: string[] =
    options.out && options.reporters.includes(STREAM_REPORTER.name) ? [STREAM_REPORTER.file] : [];
  for (const name of options.reporters) {
    const reporter = getReporter(name);
    if (!reporter) continue; // jsonl: the stream, written as the run went
    if (!reporter.file || !options.out) {
      process.stdout.write(`${reporter.render(reports, context).replace(/\n$/, '')}\n`);
    } else if (reporter.perTarget && reports.length > 1) {
      for (const report of reports)
        await writeAtomic(
          join(options.out, slug(report.target.name)),
          reporter.file,
          reporter.render([report], context),
        );
      written.push(`<target>/${reporter.file}`);
    } else {
      await writeAtomic(options.out, reporter.file, reporter.render(reports, context));
      written.push(reporter.file);
    }
  }
  if (options.out && written.length)
    process.stderr.write(`wsgi-conformance: ${written.join(', ')} written to ${options.out}\n`);
  // Whatever the reporters, the cause of an incomplete verdict reaches the terminal or CI log.
  for (const report of reports) {
    const cause = untestedCause(report);
    if (cause) process.stderr.write(`wsgi-conformance: ${cause.split('\n')[0]}\n`);
  }
  if (!options.reporters.includes('console')) {
    for (const run of runs)
      for (const line of baselineLines(run.footer.baseline)) process.stderr.write(`wsgi-conformance: ${line}\n`);
  }
  if (book && options.updateBaseline && options.baseline) {
    const change = updateBaseline(book, reports, reports.length > 1);
    await writeBaseline(options.baseline, change.next);
    process.stderr.write(`${describeChange(options.baseline, change)}\n`);
    // The exit code says what a run against the updated baseline would: expired entries still fail.
    const next = new BaselineBook(options.baseline, change.next, book.day);
    const codes = reports.map((report, i) => {
      const target = report.target.name;
      const results = report.results.map((r) => next.mark(target, { ...r, known: false }));
      return judgeRun(
        { ...report, results, summary: summarize(results) },
        runs[i]?.footer.interrupted ?? false,
        next.verdict(target, results),
        options.strict,
      );
    });
    return { code: Math.max(EXIT.ok, ...codes), reports };
  }
  const codes = runs.map((run, i) =>
    judgeRun(reports[i] as Report, run.footer.interrupted, run.footer.baseline, options.strict),
  );
  return { code: Math.max(EXIT.ok, ...codes), reports };
}

/**
 * 3 when the target could not be tested or the run was interrupted; else 1 for a certain
 * failure (a MUST rule, SHOULD too with --strict, or an expired baseline entry) even if
 * other cases errored; else 3 when some case could not be judged; else 0.
 */
export function judgeRun(
  report: Report,
  interrupted: boolean,
  baseline: BaselineVerdict | undefined,
  strict: boolean,
): number {
  const code = exitCode(report);
  if (report.target.error || interrupted) return EXIT.untestable;
  if (code === EXIT.failures || (strict && report.summary.warnings > 0) || baseline?.expired.length)
    return EXIT.failures;
  return code;
}

/** The baseline's verdict as lines for stderr (the console report shows them as notes). */
export function baselineLines(b: BaselineVerdict | undefined): string[] {
  if (!b) return [];
  return [
    ...b.expired.map(
      (e) => `baseline ${b.file}: the entry for ${e.case} ${e.rule} expired on ${e.expires} (${e.reason})`,
    ),
    ...b.unexpectedPasses.map((k) => `baseline ${b.file}: ${k.case} ${k.rule} passes now: remove its entry`),
  ];
}

/** A target name as a folder name: "gunicorn" stays, a --cmd template becomes something tame. */
export const slug = (name: string): string =>
  name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[_.]+|_+$/g, '')
    .slice(0, 60) || 'target';

/** Writes a finished report through the chosen reporters; returns the exit code. */
import { renderConsole } from '../reports/console.js';
import { renderJson, writeAtomic } from '../reports/json.js';
import { exitCode, type Report } from '../reports/result.js';
import { styleFor } from '../reports/style.js';
import type { RunOptions } from './options.js';

export async function emitReport(report: Report, options: RunOptions): Promise<number> {
  if (options.reporters.has('json')) {
    if (options.out) {
      const path = await writeAtomic(options.out, 'report.json', renderJson(report));
      if (options.reporters.has('console')) process.stderr.write(`report written to ${path}\n`);
    } else if (!options.reporters.has('console')) {
      process.stdout.write(renderJson(report));
    }
  }
  if (options.reporters.has('console')) {
    process.stdout.write(`${renderConsole(report, styleFor(process.stdout), { verbose: options.verbose })}\n`);
  }
  return judge(report, options.strict);
}

/** The run's exit code; --strict counts SHOULD failures (warnings) as failures too. */
export function judge(report: Report, strict: boolean): number {
  const code = exitCode(report);
  return code === 0 && strict && report.summary.warnings > 0 ? 1 : code;
}

/**
 * Differential mode: the same generated exchanges (one fixed sample for a seed) sent to
 * several servers. Where they disagree, the model says who is wrong: a cell lists the rules
 * that server broke on that exchange, `ok` means it did what the model requires, `refused`
 * and `no answer` mean it did not run the application at all (which the model cannot blame).
 */
import fc from 'fast-check';
import { startHost, type ServerTarget } from '../../harness/fuzz/transport.js';
import { targetName } from './certify.js';
import { judgeExample } from './judge.js';
import { exampleArb } from './run.js';

export interface DisagreementRow {
  index: number;
  /** The first request line, for a person to recognise the exchange. */
  label: string;
  cells: string[];
}

export interface DisagreementTable {
  servers: string[];
  seed: number;
  total: number;
  rows: DisagreementRow[];
}

export interface DifferentialOptions {
  seed: number;
  count: number;
  timeoutMs: number;
  python?: string;
}

function cell(violations: Array<{ rule: string }>, unjudged: string[]): string {
  if (violations.length) return [...new Set(violations.map((v) => v.rule))].sort().join(', ');
  if (unjudged.length)
    return unjudged[0]?.includes('refused with')
      ? `refused ${/HTTP\/1\.\d (\d{3})/.exec(unjudged[0])?.[1] ?? ''}`.trim()
      : 'no answer';
  return 'ok';
}

export async function differential(
  targets: readonly ServerTarget[],
  o: DifferentialOptions,
): Promise<DisagreementTable> {
  const examples = fc.sample(exampleArb, { seed: o.seed, numRuns: o.count });
  const columns: string[][] = [];
  const labels: string[] = [];
  for (const target of targets) {
    const column: string[] = [];
    let host;
    try {
      host = await startHost(target, o.python);
    } catch (e) {
      columns.push(examples.map(() => `could not start: ${(e as Error).message.slice(0, 60)}`));
      continue;
    }
    try {
      for (const [i, ex] of examples.entries()) {
        const v = await judgeExample(
          ex,
          { host: host.server.host, port: host.server.port, timeoutMs: o.timeoutMs },
          `df${o.seed}-${i}`,
        );
        column.push(cell(v.violations, v.unjudged));
        labels[i] ??= JSON.stringify(
          v.sent.slice(0, v.sent.indexOf('\r\n')).replace(/\d+\.\d+\.\d+\.\d+:\d+/g, 'HOST'),
        );
      }
    } finally {
      await host.close();
    }
    columns.push(column);
  }
  const rows = examples
    .map((_, i) => ({ index: i, label: labels[i] ?? '', cells: columns.map((c) => c[i] ?? '') }))
    .filter((r) => new Set(r.cells).size > 1);
  return { servers: targets.map(targetName), seed: o.seed, total: examples.length, rows };
}

/** A Markdown table of the exchanges the servers disagreed on (at most `max` rows). */
export function disagreementTable(t: DisagreementTable, max = 40): string {
  const head =
    `Differential run: ${t.total} generated exchanges (seed ${t.seed}), ${t.rows.length} with disagreement. A cell ` +
    `lists the rules the server broke (the model decides), ok = as the model requires.`;
  if (!t.rows.length) return head;
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `| # | exchange | ${t.servers.map(esc).join(' | ')} |`,
    `|---|---|${t.servers.map(() => '---').join('|')}|`,
  ];
  for (const r of t.rows.slice(0, max))
    lines.push(`| ${r.index} | ${esc(r.label.slice(0, 70))} | ${r.cells.map(esc).join(' | ')} |`);
  if (t.rows.length > max)
    lines.push(`| … | ${t.rows.length - max} more rows | ${t.servers.map(() => '').join(' | ')} |`);
  return `${head}\n\n${lines.join('\n')}`;
}

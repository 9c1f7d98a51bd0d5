/** A finding in Markdown: one table row, and a collapsible block with everything to act on it. */
import type { Result } from './result.js';
import { block, code, html, ICON, prose, row } from './markdown-text.js';
import { truncate } from './text.js';
import { verdictOf, VERDICT_LABEL } from './view.js';

/** Per piece of evidence, so one huge transcript cannot crowd out the other findings. */
const EVIDENCE_CHARS = 3000;

export const FINDINGS_HEADER = [row(['', 'Rule', 'Case', 'What was seen']), row(['---', '---', '---', '---'])];

export function findingRow(r: Result): string {
  const v = verdictOf(r);
  const seen = r.outcome === 'fail' ? r.actual : r.message;
  return row([
    `${ICON[v]} ${VERDICT_LABEL[v]} ${r.level}`,
    `[\`${r.rule}\`](${r.url})`,
    `\`${r.case}\``,
    code(seen, { table: true, max: 200 }),
  ]);
}

export function findingDetails(r: Result): string {
  const v = verdictOf(r);
  const parts = [
    `<details><summary>${ICON[v]} ${VERDICT_LABEL[v]} <code>${html(r.rule)}</code> (${r.level}) in ` +
      `<code>${html(r.case)}</code></summary>`,
    '',
  ];
  if (r.outcome === 'fail')
    parts.push(`**Expected:** ${prose(r.expected)}`, '', `**Actual:** ${code(r.actual, { max: 2000 })}`, '');
  else
    parts.push(
      `**${r.outcome === 'error' ? `Could not test (${prose(r.code)})` : 'Skipped'}:** ` +
        `${code(r.message, { max: 2000 })}`,
      '',
    );
  if (r.scenarios.length) parts.push(`**Requests:** ${r.scenarios.map((s) => code(s, { max: 60 })).join(', ')}`, '');
  if (r.location) {
    const { file, line, code: text } = r.location;
    parts.push(`**At:** ${code(`${file}:${line}`, { max: 200 })}${text ? ` ${code(text, { max: 200 })}` : ''}`, '');
  }
  if (r.affected) parts.push(`**Affected:** ${code(r.affected, { max: 1000 })}`, '');
  parts.push(`> ${prose(r.quote)}`, `>`, `> — [${prose(r.section)}](${r.url})`, '', `**Fix:** ${prose(r.hint)}`, '');
  for (const e of r.evidence) parts.push(block(truncate(e, EVIDENCE_CHARS)), '');
  parts.push('Re-run only this case:', '', block(r.rerun), '', '</details>');
  return parts.join('\n');
}

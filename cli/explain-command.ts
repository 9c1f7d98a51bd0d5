/** `wsgi-conformance explain RULE_ID`: the rule, its source text, and a broken and a fixed snippet. */
import { getRule, rules } from '../spec/catalog/index.js';
import { ruleUrl, type Rule } from '../spec/rule.js';
import { coverage } from '../suites/coverage.js';
import { UsageError } from './usage.js';

export async function explainCommand(argv: string[]): Promise<number> {
  const [id, ...extra] = argv;
  if (!id || extra.length) throw new UsageError('explain takes one RULE_ID (see: wsgi-conformance rules)');
  const rule = getRule(id);
  if (!rule) {
    const near = rules
      .filter((r) => r.id.includes(id) || id.includes(r.id.split('-')[0] ?? '\0'))
      .slice(0, 5)
      .map((r) => r.id);
    throw new UsageError(`unknown rule id "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''}`);
  }
  process.stdout.write(`${explainText(rule)}\n`);
  return 0;
}

/** What `explain` prints for a rule (the playground shows it beside each finding too). */
export function explainText(rule: Rule): string {
  const cov = coverage().find((c) => c.rule.id === rule.id);
  const snippet = rule.snippet;
  const lines = [
    `${rule.id} (${rule.level}${rule.keyword !== rule.level ? `; the source says ${rule.keyword}` : ''}), binds ` +
      `the ${rule.binds.join(' and ')}`,
    '',
    rule.summary,
    '',
    `${rule.source}, ${rule.section} (${rule.lines}):`,
    `  "${rule.quote}"`,
    `  ${ruleUrl(rule)}`,
    '',
    `Fix: ${rule.hint}`,
    '',
    cov?.cases.length ? `Checked by: ${cov.cases.join(', ')}` : `Not checked: ${cov?.gap}`,
  ];
  if (snippet) lines.push('', 'Broken:', indent(snippet.broken), '', 'Fixed:', indent(snippet.fixed));
  return lines.join('\n');
}

const indent = (code: string) =>
  code
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

/** `wsgi-conformance rules [--json]`: every rule, its level, and which case checks it. */
import { parseArgs } from 'node:util';
import { ruleUrl } from '../spec/rule.js';
import { coverage } from '../suites/coverage.js';
import { UsageError } from './usage.js';

export async function rulesCommand(argv: string[]): Promise<number> {
  let json = false;
  try {
    json = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } }).values.json;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const rows = coverage();
  if (json) {
    const out = rows.map(({ rule, cases, gap }) => ({
      ...rule,
      url: ruleUrl(rule),
      cases,
      ...(gap ? { notChecked: gap } : {}),
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.rule.id.length));
  for (const { rule, cases, gap } of rows) {
    const binds = rule.binds.map((b) => b[0]?.toUpperCase()).join('');
    // Rules from HTTP or CGI rather than PEP 3333 say so: a failure then "breaks HTTP".
    const source = rule.source === 'PEP 3333' ? '' : ` [${rule.source}]`;
    process.stdout.write(
      `${rule.id.padEnd(width)}  ${rule.level.padEnd(6)} ${binds.padEnd(3)} ` +
        `${cases.length ? `checked by ${cases.join(', ')}` : `- ${gap}`}${source}\n`,
    );
  }
  const checked = rows.filter((r) => r.cases.length).length;
  const http = rows.filter((r) => r.rule.source === 'RFC 9110' || r.rule.source === 'RFC 9112').length;
  process.stdout.write(
    `\n${rows.length} rules (${http} of them HTTP's own, RFC 9110/9112), ${checked} checked. Binds: S server, A ` +
      `application, M middleware.\n`,
  );
  return 0;
}

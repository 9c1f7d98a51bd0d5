/**
 * Prints the suite's (case, rule) rows as suites/rows.txt lists them:
 * `npx tsx scripts/rows.ts > /tmp/rows && mv /tmp/rows suites/rows.txt`.
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../harness/paths.js';
import { coverage } from '../suites/coverage.js';
import { currentRows } from '../suites/rows.js';

const header = readFileSync(fromRoot('suites', 'rows.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('#'));
process.stdout.write(`${[...header, ...currentRows()].join('\n')}\n`);
const caseless = coverage()
  .filter((c) => c.rule.level === 'MUST' && !c.cases.length)
  .map((c) => c.rule.id);
process.stderr.write(`MUST rules without a case: ${caseless.join(', ')}\n`);

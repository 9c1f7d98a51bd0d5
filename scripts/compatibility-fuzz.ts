/**
 * The generative phase's section of docs/compatibility.md, rendered from its pins
 * (suites/server/pinned/<preset>.fuzz.json, `npm run pin -- --fuzz`) and the findings they
 * are triaged to (docs/findings/triage.json, key `fuzz`): never written by hand.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fromRoot } from '../harness/paths.js';
import { presets } from '../harness/server/presets.js';
import { getRule } from '../spec/catalog/index.js';
import { PHASE } from '../suites/fuzz/phase.js';
import type { Pinned } from '../suites/server/pinned.js';

interface FuzzTriage {
  preset: string;
  case: string;
  rule: string;
  /** The rule the phase reported, when the finding's fault showed under another rule. */
  reportedAs?: string;
  finding: string;
}

const MARK: Record<string, string> = { MUST: '✗', SHOULD: '⚠', MAY: 'note' };

export function fuzzSection(): string {
  const triage = (
    JSON.parse(readFileSync(fromRoot('docs', 'findings', 'triage.json'), 'utf8')) as { fuzz?: FuzzTriage[] }
  ).fuzz;
  const rows = presets.map((p) => {
    const file = fromRoot('suites', 'server', 'pinned', `${p.name}.fuzz.json`);
    if (!existsSync(file)) return `| ${p.name} | not pinned yet | · | · |`;
    const pin = JSON.parse(readFileSync(file, 'utf8')) as Pinned;
    const cells: string[] = [];
    let must = 0;
    let should = 0;
    for (const line of pin.verdict) {
      const [caseId, rule, outcome] = line.split(' ');
      if (outcome === 'skip' || !rule) continue;
      const level = getRule(rule)?.level ?? 'MUST';
      if (level === 'MUST') must++;
      if (level === 'SHOULD') should++;
      const finding = triage?.find(
        (t) => t.preset === p.name && t.case === caseId && (t.reportedAs ?? t.rule) === rule,
      )?.finding;
      const name = finding ? `[${rule}](findings/${finding})` : rule;
      cells.push(`${MARK[level] ?? '✗'} ${name}${caseId === 'fuzz-response' ? ' (response)' : ''}`);
    }
    const found = cells.length ? cells.join('<br>') : '✓';
    return `| ${p.name} | ${pin.version ?? '?'} | ${found} | **✗${must} ⚠${should}** |`;
  });
  return [
    '## Generative phase',
    '',
    `The short generative phase every \`server\` certification ends with (seed ${PHASE.seed}, ${PHASE.runs} ` +
      `generated exchanges and their shrinking, judged against the reference model in \`spec/model/\`), as pinned ` +
      `in \`suites/server/pinned/*.fuzz.json\` (\`npm run pin -- --fuzz\`). Each rule a generated request ` +
      `(\`fuzz-request\`: environ and \`wsgi.input\`) or response (\`fuzz-response\`: the wire) broke is listed ` +
      `with its finding; ✓ means no counterexample in the phase. Longer runs (\`fuzz --preset P\`) find more: ` +
      `docs/fuzz-triage.md.`,
    '',
    '| Server | Version | Counterexamples | Phase |',
    '|---|---|---|:-:|',
    ...rows,
  ].join('\n');
}

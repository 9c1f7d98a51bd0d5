/**
 * The "Servers over TLS" section of docs/compatibility.md, rendered from the `.tls` pins
 * (suites/server/pinned/<preset>.tls.json) and the findings triage.json maps them to: every
 * preset that knows about TLS gets a row, whether it serves TLS, is not pinned over TLS yet, or
 * cannot serve it (with the reason its preset gives).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fromRoot } from '../harness/paths.js';
import { presets } from '../harness/server/presets.js';
import { getRule } from '../spec/catalog/index.js';
import { DOCUMENTED_LOOPBACK_TRUST } from '../suites/server/scheme.js';
import type { Pinned } from '../suites/server/pinned.js';

interface TriageEntry {
  preset: string;
  case: string;
  rule: string;
  finding?: string;
}

/** A pin line, "case rule outcome", taken apart. */
interface PinnedLine {
  case: string;
  rule: string;
  outcome: string;
}

const COLUMNS = [
  'wsgi.url_scheme over TLS',
  'HTTPS and SSL variables',
  'Forwarded headers (127.0.0.1 / 127.0.0.2)',
] as const;

const INTRO = [
  '## Servers over TLS (`--tls`)',
  '',
  "Each preset that serves TLS certified over TLS (`server --preset NAME --tls`: a throwaway CA, the server's " +
    'own TLS, every case with the certificate verified), three runs that agreed, pinned in ' +
    '`suites/server/pinned/*.tls.json` (`npm run pin -- --tls NAME`); this table is rendered from those pins. The ' +
    '**TLS** column counts ✗ MUST failures and ⚠ SHOULD warnings over all sections, to set beside the **all** row ' +
    'above (plain HTTP). `wsgi.url_scheme` is `environ-wsgi-keys`; HTTPS and SSL variables `environ-ssl-variables`; ' +
    'forwarded headers are `forwarded-headers-loopback` / `forwarded-headers-untrusted-peer` (from 127.0.0.1 / ' +
    '127.0.0.2, claiming `http` over TLS); "note (documented trust)" is a server that documents trusting a loopback ' +
    'proxy by default.',
];

export function renderTlsSection(): string {
  const triage = (
    JSON.parse(readFileSync(fromRoot('docs', 'findings', 'triage.json'), 'utf8')) as { server: TriageEntry[] }
  ).server;
  const rows = presets.flatMap((preset) => {
    const tls = preset.tls;
    if (!tls) return [];
    if ('unsupported' in tls) return [row(preset.name, `no TLS: ${tls.unsupported}`, ['·', '·', '·', '·'])];
    const file = fromRoot('suites', 'server', 'pinned', `${preset.name}.tls.json`);
    if (!existsSync(file)) return [row(preset.name, 'not pinned over TLS yet', ['·', '·', '·', '·'])];
    const pinned = JSON.parse(readFileSync(file, 'utf8')) as Pinned;
    const lines = pinned.verdict.map(parse).filter((l): l is PinnedLine => l !== undefined);
    const cell = (caseId: string, rule?: string, trusted = false) =>
      describe(
        preset.name,
        lines.filter((l) => l.case === caseId && (!rule || l.rule === rule)),
        triage,
        trusted,
      );
    const trusted = DOCUMENTED_LOOPBACK_TRUST.some((t) => t.software.test(`${pinned.version?.split(' ')[0]}/`));
    return [
      row(preset.name, pinned.version ?? 'unknown version', [
        cell('environ-wsgi-keys', 'env-url-scheme'),
        cell('environ-ssl-variables'),
        `${cell('forwarded-headers-loopback', undefined, trusted)} / ${cell('forwarded-headers-untrusted-peer')}`,
        `**✗${count(lines, 'MUST')} ⚠${count(lines, 'SHOULD')}**`,
      ]),
    ];
  });
  return [
    ...INTRO,
    '',
    `| Server | Version | ${COLUMNS.join(' | ')} | TLS |`,
    '|---|---|:-:|:-:|:-:|:-:|',
    ...rows,
  ].join('\n');
}

function parse(line: string): PinnedLine | undefined {
  const [caseId, rule, outcome] = line.split(' ');
  return caseId && rule && outcome ? { case: caseId, rule, outcome } : undefined;
}

const row = (name: string, version: string, cells: string[]) => `| ${name} | ${version} | ${cells.join(' | ')} |`;

/** ✓ when the case passed; else each non-passing rule, linked to its finding when triaged. */
function describe(preset: string, lines: PinnedLine[], triage: TriageEntry[], trusted: boolean): string {
  if (!lines.length) return '✓';
  return lines
    .map((l) => {
      if (l.outcome === 'skip') return trusted ? 'note (documented trust)' : 'skip';
      const mark = getRule(l.rule)?.level === 'MUST' ? '✗' : '⚠';
      const finding = triage.find((t) => t.preset === preset && t.case === l.case && t.rule === l.rule)?.finding;
      return `${mark} ${finding ? `[${l.rule}](findings/${finding})` : l.rule}`;
    })
    .join(', ');
}

/** Failed rules of one level: MUST failures, or SHOULD warnings. */
function count(lines: PinnedLine[], level: 'MUST' | 'SHOULD'): number {
  return lines.filter((l) => l.outcome === 'fail' && getRule(l.rule)?.level === level).length;
}

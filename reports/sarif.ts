/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning and other static-analysis viewers
 * read: one run per target, one result per finding with the rule id, its level (MUST ->
 * error, SHOULD -> warning, MAY -> note), what was seen, and the line of the application
 * that did it. Rules carry the PEP's words and link as help. Validated against
 * schemas/sarif-schema-2.1.0.json in the tests.
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireRule } from '../spec/catalog/index.js';
import type { Report, Result } from './result.js';
import { verdictOf } from './view.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** Folder URIs are made relative to (GitHub resolves them against the checkout): the working directory. */
  cwd?: string;
}

const LEVEL = { MUST: 'error', SHOULD: 'warning', MAY: 'note' } as const;

export function renderSarif(reports: readonly Report[], { cwd = process.cwd() }: SarifOptions = {}): string {
  const log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: reports.map((r) => run(r, cwd)) };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function run(report: Report, cwd: string) {
  const findings = report.results.filter((r) => r.outcome === 'fail');
  const ruleIds = [...new Set(findings.map((r) => r.rule))];
  const errors = report.results.filter((r) => r.outcome === 'error');
  const t = report.target;
  return {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        informationUri: 'https://peps.python.org/pep-3333/',
        rules: ruleIds.map(ruleDescriptor),
      },
    },
    automationDetails: { id: `wsgi-conformance/${t.kind}/${t.name}/` },
    invocations: [
      {
        executionSuccessful: !t.error && !errors.length,
        toolExecutionNotifications: [
          ...(t.error ? [{ level: 'error', message: { text: `could not test ${t.name}: ${t.error}` } }] : []),
          ...uniqueErrors(errors).map((text) => ({ level: 'error', message: { text } })),
        ],
      },
    ],
    results: findings.map((r) => result(r, ruleIds.indexOf(r.rule), report, cwd)),
  };
}

function ruleDescriptor(id: string) {
  const rule = requireRule(id);
  const help = `${rule.section}: "${rule.quote}"\n${rule.summary}\nFix: ${rule.hint}`;
  return {
    id,
    name: id
      .split('-')
      .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.quote },
    helpUri: helpLink(id),
    help: {
      text: help,
      markdown:
        `**${rule.section}** ([${rule.source}](${helpLink(id)})): "${rule.quote}"\n\n${rule.summary}\n\n**Fix:** ` +
        `${rule.hint}`,
    },
    defaultConfiguration: { level: LEVEL[rule.level] },
    properties: { tags: ['wsgi', 'pep-3333', rule.level], precision: 'very-high' },
  };
}

function helpLink(id: string): string {
  const rule = requireRule(id);
  const base: Record<string, string> = {
    'PEP 3333': 'https://peps.python.org/pep-3333/',
    'RFC 3875': 'https://www.rfc-editor.org/rfc/rfc3875',
    'RFC 9110': 'https://www.rfc-editor.org/rfc/rfc9110',
    'RFC 9112': 'https://www.rfc-editor.org/rfc/rfc9112',
  };
  return `${base[rule.source] ?? ''}#${rule.anchor}`;
}

function result(r: Result, ruleIndex: number, report: Report, cwd: string) {
  const actual = r.outcome === 'fail' ? r.actual : r.message;
  const expected = r.outcome === 'fail' ? r.expected : '';
  const where = [
    r.routes?.length ? `routes: ${r.routes.join(', ')}` : '',
    r.scenarios.length ? `requests: ${r.scenarios.slice(0, 5).join(', ')}` : '',
  ].filter(Boolean);
  const location = physical(r, report, cwd);
  return {
    ruleId: r.rule,
    ruleIndex,
    level: LEVEL[r.level],
    message: {
      text: `${actual}${expected ? ` (expected: ${expected})` : ''}${where.length ? ` [${where.join('; ')}]` : ''}`,
    },
    ...(location ? { locations: [location] } : {}),
    ...(verdictOf(r) === 'expected'
      ? {
          suppressions: [
            { kind: 'external', justification: 'declared as a known failure (baseline or the target itself)' },
          ],
        }
      : {}),
    properties: { case: r.case, pepSection: r.section, rerun: r.rerun, ...(r.routes ? { routes: r.routes } : {}) },
  };
}

/** The finding's line; without one, the target file itself when it is one (GitHub needs a location). */
function physical(r: Result, report: Report, cwd: string) {
  const root = report.target.sourceRoot;
  if (r.location && root) {
    return {
      physicalLocation: {
        artifactLocation: { uri: uriOf(join(root, r.location.file), cwd) },
        region: {
          startLine: Math.max(1, r.location.line),
          ...(r.location.code ? { snippet: { text: r.location.code } } : {}),
        },
      },
    };
  }
  const file = report.target.kind !== 'server' ? (report.target.name.split(':')[0] ?? '') : '';
  if (!file.endsWith('.py')) return undefined;
  return {
    physicalLocation: {
      artifactLocation: { uri: uriOf(isAbsolute(file) ? file : join(cwd, file), cwd) },
      region: { startLine: 1 },
    },
  };
}

/** Relative to the working directory (forward slashes), or an absolute file: URI outside it. */
function uriOf(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).map(encodeURIComponent).join('/');
  return pathToFileURL(path).href;
}

function uniqueErrors(errors: readonly Result[]): string[] {
  return [...new Set(errors.map((r) => `${r.case} [${r.rule}]: ${r.message}`))].slice(0, 50);
}

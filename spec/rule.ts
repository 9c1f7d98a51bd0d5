/**
 * A normative statement of PEP 3333 (or of a spec it leans on) as data.
 * Ids are permanent slugs from docs/pep3333-rules.md: never rename or reuse one.
 */
import type { ProblemCode } from './wire-problem.js';

/** Who the rule binds. The catalog's S/A/M/B columns, spelled out. */
export type Party = 'server' | 'application' | 'middleware';

/** The level a result is judged at: MUST failures fail a run, SHOULD failures warn, MAY never fails. */
export type Level = 'MUST' | 'SHOULD' | 'MAY';

/**
 * How a rule can be observed (the catalog's obs column):
 * app = calling the application in-process; server = probe app hosted on the server;
 * wire = only in raw HTTP bytes or timing; manual = not testable automatically.
 */
export type Vantage = 'app' | 'server' | 'wire' | 'manual';

export type Source = 'PEP 3333' | 'RFC 3875' | 'RFC 9110' | 'RFC 9112';

export interface Rule {
  /** Stable kebab-case slug, e.g. `body-items-bytes`. */
  readonly id: string;
  readonly binds: readonly Party[];
  /** Judging level (see {@link Level}). */
  readonly level: Level;
  /** The wording as the source puts it: `MUST NOT`, `implicit MUST`, `CGI`, `MUST / MAY`... */
  readonly keyword: string;
  /** Section title of the source, e.g. `Specification Details`. */
  readonly section: string;
  /** Fragment of the section on peps.python.org/pep-3333/ (or the RFC's section anchor). */
  readonly anchor: string;
  /** One-sentence paraphrase of what the rule requires. */
  readonly summary: string;
  /** Verbatim quote of the source text the rule comes from (short). */
  readonly quote: string;
  readonly observe: readonly Vantage[];
  readonly source: Source;
  /** Line numbers in python/peps peps/pep-3333.rst (or an RFC section), for maintainers. */
  readonly lines: string;
  /** One-line fix hint for the party the rule binds. */
  readonly hint: string;
  /**
   * Rules the PEP states again in general terms ("A Note On String Types", "Unicode Issues"):
   * breaking this one breaks those too, so expectations name this one only.
   */
  readonly implies?: readonly string[];
  /** Set on ids this project added to docs/pep3333-rules.md's catalog: why the rule exists. */
  readonly added?: string;
  /**
   * Why no case judges this rule, reviewed: untestable, nothing to fail, or a MUST no request can
   * show. `rules` prints it; a MUST rule with no case needs it (suites/coverage-guard.test.ts).
   */
  readonly untested?: string;
  /** The strict response reader's problems (harness/wire/head.ts) that show this rule broken on the wire. */
  readonly wireProblems?: readonly ProblemCode[];
  /** What `explain` shows: the mistake and the same code done right (application-side rules). */
  readonly snippet?: Snippet;
}

/**
 * Before/after Python for `explain`. Raw strings (String.raw), so Python escapes such as '\r\n'
 * appear exactly as in the source file. `fixed` must certify clean: as a whole application, as the
 * lines that change inside a plain one, or embedded in its fixture under fixtures/apps/fixed/ or
 * fixtures/middleware/fixed/ (suites/app/explain-fixed.test.ts).
 */
export interface Snippet {
  /** Minimal Python code that breaks the rule. */
  readonly broken: string;
  /** The same code, corrected. */
  readonly fixed: string;
}

const SOURCE_URLS: Record<Source, string> = {
  'PEP 3333': 'https://peps.python.org/pep-3333/',
  'RFC 3875': 'https://www.rfc-editor.org/rfc/rfc3875',
  'RFC 9110': 'https://www.rfc-editor.org/rfc/rfc9110',
  'RFC 9112': 'https://www.rfc-editor.org/rfc/rfc9112',
};

/** Link to the rule's section in its source document. */
export function ruleUrl(rule: Pick<Rule, 'source' | 'anchor'>): string {
  return `${SOURCE_URLS[rule.source]}#${rule.anchor}`;
}

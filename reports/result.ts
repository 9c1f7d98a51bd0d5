/**
 * The results contract (report.json). CI and other tools depend on it: fields may be
 * added, never renamed or removed. One result per (case, rule).
 */
import { z } from 'zod';

export const LevelSchema = z.enum(['MUST', 'SHOULD', 'MAY']);

/** pass | fail (rule broken) | skip (not exercised) | error (could not test: never the implementation's fault). */
export const OutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('pass') }),
  z.object({ outcome: z.literal('fail'), expected: z.string(), actual: z.string() }),
  z.object({ outcome: z.literal('skip'), reason: z.string() }),
  z.object({ outcome: z.literal('error'), code: z.string() }),
]);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const ResultSchema = z.intersection(
  z.object({
    case: z.string(),
    rule: z.string(),
    level: LevelSchema,
    /** One line a person reads: what was observed, or why it was skipped or errored. */
    message: z.string(),
    description: z.string(),
    section: z.string(),
    url: z.string(),
    quote: z.string(),
    hint: z.string(),
    /** Scenarios (requests) where the finding was seen. */
    scenarios: z.array(z.string()),
    /** Further evidence beyond the message (other breaches of the rule), and traces. */
    evidence: z.array(z.string()),
    /** Command that re-runs only this case. */
    rerun: z.string(),
    /** A known failure (declared by a teaching example or fixture, or listed in --baseline): shown, not counted. */
    known: z.boolean().optional(),
    /** The application's own routes (user or crawled requests, "GET /api/items") where the finding was seen. */
    routes: z.array(z.string()).optional(),
    /** Where in the application's code the finding happened (file relative to target.sourceRoot). */
    location: z.object({ file: z.string(), line: z.number().int(), code: z.string().optional() }).optional(),
    /**
     * The server had changed its behaviour when this case ran ("after case X, the server no
     * longer ..."): how that touched this result (run again on a restarted server, or not counted).
     */
    affected: z.string().optional(),
  }),
  OutcomeSchema,
);
export type Result = z.infer<typeof ResultSchema>;

export const SummarySchema = z.object({
  total: z.number().int(),
  pass: z.number().int(),
  fail: z.number().int(),
  skip: z.number().int(),
  error: z.number().int(),
  /** Failed MUST rules: any makes the run exit 1. */
  mustFailures: z.number().int(),
  /** Failed SHOULD rules: warnings. */
  warnings: z.number().int(),
});
export type Summary = z.infer<typeof SummarySchema>;

/** What a run certified: an application, a server, or a middleware (both sides at once). */
export const TargetKindSchema = z.enum(['app', 'server', 'middleware']);
export type TargetKind = z.infer<typeof TargetKindSchema>;

export const ReportSchema = z.object({
  tool: z.object({ name: z.literal('wsgi-conformance'), version: z.string() }),
  target: z.object({
    kind: TargetKindSchema,
    name: z.string(),
    python: z.string().optional(),
    loadedAs: z.string().optional(),
    /** Server name and version, e.g. "gunicorn 20.1.0" (server runs). */
    version: z.string().optional(),
    /** The command line that started the server (server runs). */
    command: z.string().optional(),
    /** Why the target could not be tested at all (load failure), if so. */
    error: z.string().optional(),
    /** Folder of the application's own code; result locations are relative to it (app runs). */
    sourceRoot: z.string().optional(),
    /** The application's own routes that were requested (user requests and crawl), in order (app runs). */
    routes: z.array(z.string()).optional(),
    /** Certified over TLS, the server's certificate verified against `ca` (absent: a throwaway CA the suite made). */
    tls: z.object({ ca: z.string().optional() }).optional(),
    /** The route options as given (--path, --request, --header, --data, --requests, --crawl) (app runs). */
    routeOptions: z.array(z.string()).optional(),
  }),
  summary: SummarySchema,
  results: z.array(ResultSchema),
  /** Things a reader must know about the run itself, e.g. that the server was restarted. */
  notes: z.array(z.string()).optional(),
});
export type Report = z.infer<typeof ReportSchema>;

export function summarize(results: readonly Result[]): Summary {
  const count = (o: Result['outcome']) => results.filter((r) => r.outcome === o).length;
  const failed = results.filter((r) => r.outcome === 'fail' && !r.known);
  return {
    total: results.length,
    pass: count('pass'),
    fail: count('fail'),
    skip: count('skip'),
    error: count('error'),
    mustFailures: failed.filter((r) => r.level === 'MUST').length,
    warnings: failed.filter((r) => r.level === 'SHOULD').length,
  };
}

/** Exit codes of a run (README "Exit codes"); 2 (usage error) is the CLI's own. */
export const EXIT = { ok: 0, failures: 1, usage: 2, untestable: 3 } as const;

/**
 * 0: no MUST rule failed and every case was judged; 1: a MUST rule failed, which is certain
 * whatever else errored (a certain failure is never hidden behind an error); 3: the target
 * could not be tested at all (it would not load or start), or some cases could not be
 * judged and nothing failed: the verdict is incomplete.
 */
export function exitCode(report: Report): 0 | 1 | 3 {
  if (report.target.error) return EXIT.untestable;
  if (report.summary.mustFailures > 0) return EXIT.failures;
  return report.summary.error > 0 ? EXIT.untestable : EXIT.ok;
}

/** Why a run could not be (wholly) tested, in one line for stderr; undefined when it could. */
export function untestedCause(report: Report): string | undefined {
  if (report.target.error) return `could not test ${report.target.name}: ${report.target.error}`;
  const errors = report.results.filter((r) => r.outcome === 'error');
  if (!errors.length) return undefined;
  const cases = [...new Set(errors.map((r) => r.case))];
  const first = errors[0] as Result;
  const more = cases.length > 1 ? ` (and ${cases.length - 1} more)` : '';
  return (
    `${cases.length} case${cases.length > 1 ? 's' : ''} of ${report.target.name} could not be judged; ` +
    `${first.case}${more}: ${first.message}`
  );
}

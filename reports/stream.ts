/**
 * The canonical result stream (results.jsonl): every report is rendered from it. JSON Lines,
 * one run after another: a header (tool, target, options, shard, start time), one line per
 * result as it is judged, a footer (counts, interrupted?). A run cut short (Ctrl-C, a kill)
 * leaves readable lines: a missing footer reads as interrupted. Format versioned by `format`.
 */
import { z } from 'zod';
import { ReportSchema, ResultSchema, SummarySchema, summarize, type Report, type Result } from './result.js';

export const STREAM_FORMAT = 1;

export const ShardSchema = z.object({ index: z.number().int().min(1), count: z.number().int().min(1) });
export type Shard = z.infer<typeof ShardSchema>;

/** The options that change what a run observes or how it is judged (merge insists they agree). */
export const RunOptionsSchema = z.object({
  only: z.array(z.string()),
  strict: z.boolean(),
  timeoutMs: z.number().int(),
  python: z.string().optional(),
  /** Baseline file applied to the results (their `known` marks). */
  baseline: z.string().optional(),
  /** --tls (server runs): over TLS, the certificate verified against `ca` (absent: a throwaway CA). */
  tls: ReportSchema.shape.target.shape.tls,
  /** The route options of `app` as given, in order: which of the application's routes were requested. */
  routes: z.array(z.string()).optional(),
});
export type StreamRunOptions = z.infer<typeof RunOptionsSchema>;

export const HeaderSchema = z.object({
  type: z.literal('header'),
  format: z.literal(STREAM_FORMAT),
  tool: ReportSchema.shape.tool,
  /** The target as far as known before the first result: server version, Python version. */
  target: ReportSchema.shape.target,
  options: RunOptionsSchema,
  shard: ShardSchema.optional(),
  /** Cases this run judges (this shard's share), for progress and completeness. */
  cases: z.number().int(),
  startedAt: z.string(),
});
export type StreamHeader = z.infer<typeof HeaderSchema>;

export const ResultLineSchema = z.object({ type: z.literal('result'), result: ResultSchema });

export const BaselineKeySchema = z.object({ case: z.string(), rule: z.string() });

/** What the baseline said about the run, beyond the `known` marks on results. */
export const BaselineVerdictSchema = z.object({
  file: z.string(),
  /** Entries whose result now passes: remove them from the baseline. */
  unexpectedPasses: z.array(BaselineKeySchema),
  /** Entries past their expiry date: the run fails until they are fixed or extended. */
  expired: z.array(BaselineKeySchema.extend({ expires: z.string(), reason: z.string() })),
});
export type BaselineVerdict = z.infer<typeof BaselineVerdictSchema>;

export const FooterSchema = z.object({
  type: z.literal('footer'),
  summary: SummarySchema,
  interrupted: z.boolean(),
  finishedAt: z.string(),
  notes: z.array(z.string()).optional(),
  baseline: BaselineVerdictSchema.optional(),
});
export type StreamFooter = z.infer<typeof FooterSchema>;

export const StreamLineSchema = z.discriminatedUnion('type', [HeaderSchema, ResultLineSchema, FooterSchema]);
export type StreamLine = z.infer<typeof StreamLineSchema>;

/** One run read back: a footer-less run was cut short and reads as interrupted. */
export interface StreamRun {
  header: StreamHeader;
  results: Result[];
  footer: StreamFooter;
}

export class StreamError extends Error {}

/** Parses a stream's text; `source` names it in errors ("results.jsonl:12: ..."). */
export function parseStream(text: string, source: string): StreamRun[] {
  const runs: Array<{ header: StreamHeader; results: Result[]; footer?: StreamFooter }> = [];
  const lines = text.split('\n');
  let lastFilled = lines.length - 1;
  while (lastFilled > 0 && !lines[lastFilled]?.trim()) lastFilled--;
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    const where = `${source}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      if (i === lastFilled) break; // a line cut short by a kill mid-write: the run is interrupted
      throw new StreamError(`${where}: not JSON; is this a wsgi-conformance results.jsonl stream?`);
    }
    const parsed = StreamLineSchema.safeParse(json);
    if (!parsed.success)
      throw new StreamError(
        `${where}: not a stream line of format ${STREAM_FORMAT}: ` +
          `${z.prettifyError(parsed.error).split('\n').slice(0, 4).join('; ')}`,
      );
    const line = parsed.data;
    const open = runs.at(-1);
    if (line.type === 'header') runs.push({ header: line, results: [] });
    else if (!open || open.footer)
      throw new StreamError(`${where}: a ${line.type} line outside a run (no header before it)`);
    else if (line.type === 'result') open.results.push(line.result);
    else open.footer = line;
  }
  if (!runs.length) throw new StreamError(`${source}: no run in it (no header line)`);
  return runs.map((r) => ({ header: r.header, results: r.results, footer: r.footer ?? cutShort(r.results) }));
}

function cutShort(results: readonly Result[]): StreamFooter {
  return {
    type: 'footer',
    summary: summarize(results),
    interrupted: true,
    finishedAt: '',
    notes: ['the stream ends without a footer: the run was killed'],
  };
}

/** Orders results; the CLI passes the suite's case order so reports never depend on timing. */
export type ResultOrder = (a: Result, b: Result) => number;

/** The report.json of one run, from the stream's contents only. */
export function reportOf(run: StreamRun, order?: ResultOrder): Report {
  const results = order ? [...run.results].sort(order) : run.results;
  const notes = [...(run.footer.notes ?? []), ...runNotes(run)];
  const { tls, routes } = run.header.options;
  return {
    tool: run.header.tool,
    target: { ...run.header.target, ...(tls ? { tls } : {}), ...(routes?.length ? { routeOptions: routes } : {}) },
    summary: summarize(results),
    results,
    ...(notes.length ? { notes } : {}),
  };
}

/** What a reader must know about the run itself: interruption, shards, the baseline's verdict. */
function runNotes({ header, results, footer }: StreamRun): string[] {
  const out: string[] = [];
  if (footer.interrupted)
    out.push(
      `the run was interrupted: ${results.length} results, for part of the ${header.cases} cases; the verdict is ` +
        `incomplete`,
    );
  if (header.shard)
    out.push(
      `shard ${header.shard.index}/${header.shard.count}: only this shard's share of the cases ran ` +
        `(wsgi-conformance merge joins the shards)`,
    );
  const b = footer.baseline;
  for (const e of b?.expired ?? [])
    out.push(
      `baseline ${b?.file}: the entry for ${e.case} ${e.rule} expired on ${e.expires} (${e.reason}); fix it, or ` +
        `extend its expiry`,
    );
  if (b?.unexpectedPasses.length)
    out.push(
      `baseline ${b.file}: ${b.unexpectedPasses.map((k) => `${k.case} ${k.rule}`).join(', ')} now ` +
        `pass${b.unexpectedPasses.length === 1 ? 'es' : ''}: remove ` +
        `${b.unexpectedPasses.length === 1 ? 'its entry' : 'their entries'} (or run with --update-baseline)`,
    );
  return out;
}

export const renderLine = (line: StreamLine): string => `${JSON.stringify(StreamLineSchema.parse(line))}\n`;

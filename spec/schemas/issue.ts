/**
 * Zod refinements that carry a rule id: a failed parse maps straight to breaches,
 * one per broken rule, with what was observed and what the rule expects.
 */
import type { z } from 'zod';

/** One rule broken, as a check saw it; evaluation turns breaches into failed results (findings). */
export interface Breach {
  rule: string;
  /** What the implementation did, e.g. `body chunk 0 is str 'Hello my friend!'`. */
  message: string;
  /** What the rule requires, in one phrase. */
  expected?: string;
  /** Where in the application's code it happened, when the check knows the event. */
  at?: { file: string; line: number; code?: string };
}

export function violate(ctx: z.RefinementCtx, rule: string, message: string, expected?: string): void {
  ctx.addIssue({ code: 'custom', message, params: { rule, expected } });
}

/** Parses `value`; every issue becomes a Breach (issues without a rule id are a bug here). */
export function breachesOf(schema: z.ZodType, value: unknown, where = ''): Breach[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const params = (issue as { params?: { rule?: string; expected?: string } }).params;
    if (!params?.rule) throw new Error(`schema issue without a rule id: ${issue.message}`);
    return {
      rule: params.rule,
      message: where ? `${where}: ${issue.message}` : issue.message,
      ...(params.expected ? { expected: params.expected } : {}),
    };
  });
}

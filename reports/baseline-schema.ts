/** The --baseline file (cli/baseline.ts reads and applies it; schemas/baseline.schema.json). */
import { z } from 'zod';

export const BaselineEntrySchema = z.strictObject({
  case: z.string().min(1).describe('case id (wsgi-conformance rules lists them)'),
  rule: z.string().min(1).describe('rule id'),
  target: z
    .string()
    .optional()
    .describe('only for runs of this target (a preset name in a matrix); absent: any target'),
  reason: z.string().min(1).describe('why this failure is accepted for now'),
  expires: z.iso.date().optional().describe('YYYY-MM-DD: after this day the entry fails the run'),
});
export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;

export const BaselineSchema = z.strictObject({
  $schema: z.string().optional(),
  known: z.array(BaselineEntrySchema),
});
export type Baseline = z.infer<typeof BaselineSchema>;

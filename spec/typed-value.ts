/**
 * How the runner and the probe write a Python value so its exact type survives JSON: the
 * vocabulary every application-side schema in spec/schemas/ reads.
 */
import { z } from 'zod';

/** A Python value with its exact type: `t` is `type(x).__name__` (module-qualified unless builtins). */
export interface TypedValue {
  t: string;
  /** Text of str, or bytes-like decoded as latin-1 (so every byte survives JSON). */
  v?: string;
  /** len() of str / bytes / tuple / list / dict. */
  n?: number;
  /** `v` or `items` was cut short. */
  trunc?: boolean;
  /** Items of a tuple or list. */
  items?: TypedValue[];
  /** repr() of anything else (cut short). */
  r?: string;
  /** The value is an exception instance (isinstance(x, BaseException)). */
  exc?: boolean;
}
export const TypedValue: z.ZodType<TypedValue> = z.lazy(() =>
  z.strictObject({
    t: z.string(),
    v: z.string().optional(),
    n: z.number().int().nonnegative().optional(),
    trunc: z.boolean().optional(),
    items: z.array(TypedValue).optional(),
    r: z.string().optional(),
    exc: z.boolean().optional(),
  }),
);

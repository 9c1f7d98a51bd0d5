/** The exc_info argument of start_response (PEP 3333, The start_response() Callable). */
import { TypedValue } from '../typed-value.js';
import { violate } from './issue.js';
import { describe } from './values.js';

/** A sys.exc_info() triple: (exception class, exception instance, traceback or None). */
export const ExcInfoSchema = TypedValue.superRefine((tv, ctx) => {
  const [cls, value, tb] = tv.items ?? [];
  const ok =
    tv.t === 'tuple' &&
    tv.n === 3 &&
    cls?.t === 'type' &&
    value?.exc === true &&
    (tb?.t === 'traceback' || tb?.t === 'NoneType');
  if (!ok) violate(ctx, 'exc-info-tuple', `exc_info is ${describe(tv, 80)}`, 'the 3-tuple returned by sys.exc_info()');
});

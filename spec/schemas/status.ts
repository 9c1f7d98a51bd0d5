/** The status argument of start_response (PEP 3333, The start_response() Callable; Unicode Issues). */
import { TypedValue } from '../typed-value.js';
import { violate } from './issue.js';
import { charNames, controlChars, describe, nonLatin1 } from './values.js';

// Status-Code SP Reason-Phrase with no surrounding whitespace. An empty phrase after the
// single space ("200 ") is allowed (RFC 9112 permits it); no space at all is the SHOULD
// rule status-code-only, since servers disagree on accepting it.
const SHAPE = /^[0-9]{3} (?![ \t])(.*\S)?$/s;

export const StatusSchema = TypedValue.superRefine((tv, ctx) => {
  if (tv.t !== 'str' || tv.v === undefined) {
    return violate(ctx, 'status-native-str', `status is ${describe(tv)}`, "a native str such as '200 OK'");
  }
  const status = tv.v;
  const ctl = controlChars(status);
  if (ctl.length) {
    violate(
      ctx,
      'status-no-control-chars',
      `status ${describe(tv)} contains control characters (${charNames(ctl)})`,
      'no control characters, no CR/LF',
    );
  }
  const wide = nonLatin1(status);
  if (wide.length) {
    violate(
      ctx,
      'status-latin1',
      `status ${describe(tv)} contains characters outside ISO-8859-1 (${charNames(wide)})`,
      'only ISO-8859-1 characters',
    );
  }
  if (ctl.length) return; // the shape is judged on a status without control characters only
  if (/^[0-9]{3}$/.test(status)) {
    violate(
      ctx,
      'status-code-only',
      `status ${describe(tv)} has no space and reason phrase`,
      "'200 OK': code, one space, reason phrase",
    );
  } else if (!SHAPE.test(status)) {
    violate(
      ctx,
      'status-format',
      `status ${describe(tv)} is not "3-digit code, one space, reason phrase"`,
      "'200 OK': three digits, a single space, the reason phrase, nothing around it",
    );
  }
});

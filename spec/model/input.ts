/**
 * The reference model of `wsgi.input` (PEP 3333 "Input and Error Streams"): given the
 * decoded request body, the exact bytes each call must return, with Python file semantics
 * (input-semantics) ending at the body's end (input-eof-at-content-length: simulated EOF,
 * b'' once exhausted). Bytes are byte strings (one char per byte).
 */
import type { TypedValue, Violation } from './environ.js';

export type InputOp =
  | { op: 'read'; size?: number }
  | { op: 'readline'; size?: number }
  | { op: 'readlines' }
  | { op: 'iter' };

/** What a call returns: bytes, or a list of bytes (readlines, iteration). */
export type InputValue = string | string[];

/** An op as the probe spells it in X-Probe-Ops (`read:3`, `readline`, `iter`). */
export function opText(o: InputOp): string {
  return 'size' in o && o.size !== undefined ? `${o.op}:${o.size}` : o.op;
}

/** Whether the op may need to read to the end of the body (EOF must then be simulated). */
export function reachesEnd(o: InputOp, remaining: string): boolean {
  if (o.op === 'readlines' || o.op === 'iter') return true;
  if (o.op === 'read') return o.size === undefined || o.size >= remaining.length;
  const nl = remaining.indexOf('\n');
  return nl < 0 ? o.size === undefined || o.size >= remaining.length : false;
}

function lines(s: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < s.length) {
    const nl = s.indexOf('\n', pos);
    const end = nl < 0 ? s.length : nl + 1;
    out.push(s.slice(pos, end));
    pos = end;
  }
  return out;
}

/** The value each op in turn must return from a stream holding `body`. */
export function expectedInput(body: string, ops: readonly InputOp[]): InputValue[] {
  let pos = 0;
  return ops.map((o) => {
    const rest = body.slice(pos);
    if (o.op === 'read') {
      const n = o.size === undefined || o.size < 0 ? rest.length : o.size;
      pos += Math.min(n, rest.length);
      return rest.slice(0, n);
    }
    if (o.op === 'readline') {
      const nl = rest.indexOf('\n');
      let n = nl < 0 ? rest.length : nl + 1;
      if (o.size !== undefined && o.size >= 0) n = Math.min(n, o.size);
      pos += n;
      return rest.slice(0, n);
    }
    pos = body.length;
    return lines(rest);
  });
}

/** One op as the probe observed it: its value, the exception it raised, or that it blocked. */
export interface ObservedOp {
  op: string;
  value?: TypedValue;
  error?: { type: string; message: string };
  blocked?: boolean;
}

const showBytes = (s: string) => `b${JSON.stringify(s)}`;
const showValue = (v: InputValue) => (typeof v === 'string' ? showBytes(v) : `[${v.map(showBytes).join(', ')}]`);

/** The rule a wrong answer to `o` breaks. */
function ruleOf(o: InputOp): string {
  if (o.op === 'readline' && o.size !== undefined) return 'input-readline-size';
  if (o.op === 'read' && o.size === undefined) return 'input-read-no-arg';
  if (o.op === 'iter') return 'input-iter-lines';
  return 'input-semantics';
}

function actualOf(tv: TypedValue): { value?: InputValue; wrongType?: string } {
  if (tv.t === 'bytes') return { value: tv.v ?? '' };
  if (tv.t === 'list' && (tv.items ?? []).every((i) => i.t === 'bytes') && !tv.trunc)
    return { value: (tv.items ?? []).map((i) => i.v ?? '') };
  return {
    wrongType: tv.t === 'list' ? `a list of ${[...new Set((tv.items ?? []).map((i) => i.t))].join('/')}` : tv.t,
  };
}

/**
 * Judges the observed ops against the model. The first departure is reported (later values
 * depend on how much the wrong call consumed), attributed to the rule of the op that broke.
 */
export function checkInput(body: string, ops: readonly InputOp[], observed: readonly ObservedOp[]): Violation[] {
  const expected = expectedInput(body, ops);
  let pos = 0;
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i] as InputOp;
    const want = expected[i] as InputValue;
    const seen = observed[i];
    const label = `${o.op}(${'size' in o && o.size !== undefined ? o.size : ''}) call ${i + 1}`;
    const rest = body.slice(pos);
    pos += typeof want === 'string' ? want.length : rest.length;
    if (!seen)
      return [
        {
          rule: 'input-semantics',
          expected: `${label} to return ${showValue(want)}`,
          actual: 'the probe did not get to it',
        },
      ];
    if (seen.blocked) {
      return [
        {
          rule: reachesEnd(o, rest) ? 'input-eof-at-content-length' : 'input-semantics',
          expected: `${label} to return ${showValue(want)} at once`,
          actual: 'it blocked (no end of input simulated at the end of the body)',
        },
      ];
    }
    if (seen.error) {
      const rule =
        o.op === 'readline' && o.size !== undefined && seen.error.type === 'TypeError'
          ? 'input-readline-size'
          : ruleOf(o);
      return [
        {
          rule,
          expected: `${label} to return ${showValue(want)}`,
          actual: `raised ${seen.error.type}: ${seen.error.message}`,
        },
      ];
    }
    const got = actualOf(seen.value ?? { t: 'NoneType' });
    if (got.wrongType)
      return [
        { rule: 'input-returns-bytes', expected: `${label} to return bytes`, actual: `it returned ${got.wrongType}` },
      ];
    const same =
      typeof want === 'string'
        ? got.value === want
        : Array.isArray(got.value) && got.value.join('\0\0') === want.join('\0\0') && got.value.length === want.length;
    if (!same) {
      const past =
        typeof want === 'string' &&
        typeof got.value === 'string' &&
        got.value.startsWith(want) &&
        got.value.length > want.length &&
        want.length === rest.length;
      return [
        {
          rule: past ? 'input-eof-at-content-length' : ruleOf(o),
          expected: `${label} to return ${showValue(want)}`,
          actual: `it returned ${showValue(got.value as InputValue)}`,
        },
      ];
    }
  }
  return [];
}

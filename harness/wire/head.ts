/**
 * Strict reading of one response head (RFC 9112 §2.1, §4, §5): the status line and the field
 * lines up to the empty line. Every deviation is recorded as a problem and reading goes on
 * where HTTP's robustness rules let a client go on (a bare LF still ends a line), so a case
 * sees all of what a server got wrong, never an exception.
 */

import type { ProblemCode } from '../../spec/wire-problem.js';

export type { ProblemCode };

export interface WireProblem {
  code: ProblemCode;
  message: string;
  /** Offset in the received bytes. */
  at: number;
  /** Index of the response it belongs to, if any. */
  response?: number;
}

export interface Head {
  statusLine: string;
  version: string;
  status: number;
  reason: string;
  /** Field lines as sent (name case kept), values without surrounding whitespace. */
  headers: Array<[string, string]>;
  /** Offset just past the empty line ending the head. */
  end: number;
  problems: Array<Omit<WireProblem, 'response'>>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// VCHAR, obs-text, SP and HTAB (RFC 9110 §5.5); anything else in a value is a control.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const STATUS_LINE = /^HTTP\/1\.[01] [0-9]{3} [\t\x20-\x7e\x80-\xff]*$/;

/** A line from `at`: its text (without the terminator) and where the next starts; undefined when no LF yet. */
function lineAt(raw: Buffer, at: number): { text: string; next: number; bareLf: boolean } | undefined {
  const lf = raw.indexOf(0x0a, at);
  if (lf < 0) return undefined;
  const crlf = lf > at && raw[lf - 1] === 0x0d;
  return { text: raw.subarray(at, crlf ? lf - 1 : lf).toString('latin1'), next: lf + 1, bareLf: !crlf };
}

/** Reads a head starting at `at`; undefined while the empty line has not arrived. */
export function readHead(raw: Buffer, at: number): Head | undefined {
  const first = lineAt(raw, at);
  if (!first) return undefined;
  const problems: Head['problems'] = [];
  const note = (code: ProblemCode, message: string, where: number) => problems.push({ code, message, at: where });
  const lineProblems = (l: { text: string; bareLf: boolean }, where: number) => {
    if (l.bareLf) note('line-ending', 'a line ends in a bare LF instead of CRLF', where);
    if (l.text.includes('\r')) note('line-ending', 'a bare CR inside a line', where);
  };
  lineProblems(first, at);
  const statusLine = first.text;
  const m = /^(\S+) +(\d{3})(?: (.*))?$/.exec(statusLine);
  if (!STATUS_LINE.test(statusLine)) {
    note('status-line', `the status line ${JSON.stringify(statusLine)} is not HTTP/1.x SP 3DIGIT SP reason-phrase`, at);
  }
  const headers: Array<[string, string]> = [];
  let pos = first.next;
  for (let n = 0; ; n++) {
    const l = lineAt(raw, pos);
    if (!l) return undefined;
    lineProblems(l, pos);
    if (l.text === '') {
      pos = l.next;
      break;
    }
    if (/^[ \t]/.test(l.text)) {
      note(
        n === 0 ? 'field-syntax' : 'obs-fold',
        n === 0
          ? 'whitespace between the status line and the first field line'
          : `obsolete line folding: ${JSON.stringify(l.text)} continues the previous field line`,
        pos,
      );
      const last = headers[headers.length - 1];
      if (last && n > 0) last[1] = `${last[1]} ${l.text.trim()}`.trim();
    } else {
      const colon = l.text.indexOf(':');
      const name = colon < 0 ? l.text : l.text.slice(0, colon);
      const value = colon < 0 ? '' : l.text.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
      if (colon < 0) note('field-syntax', `the field line ${JSON.stringify(l.text)} has no colon`, pos);
      else if (!TOKEN.test(name))
        note(
          'field-syntax',
          `the field name ${JSON.stringify(name)} is not a ` +
            `token${/[ \t]$/.test(name) ? ' (whitespace before the colon)' : ''}`,
          pos,
        );
      else if (!FIELD_VALUE.test(value.replace(/\r/g, ' ')))
        note('field-syntax', `the ${name} value ${JSON.stringify(value)} has control characters`, pos);
      headers.push([name.trim(), value]);
    }
    pos = l.next;
  }
  return {
    statusLine,
    version: m?.[1] ?? '',
    status: m ? Number(m[2]) : 0,
    reason: m?.[3] ?? '',
    headers,
    end: pos,
    problems,
  };
}

export function values(headers: ReadonlyArray<[string, string]>, name: string): string[] {
  return headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}

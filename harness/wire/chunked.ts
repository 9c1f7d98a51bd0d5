/**
 * Strict reading of a chunked body (RFC 9112 §7.1): chunk-size [ chunk-ext ] CRLF, exactly
 * chunk-size octets, CRLF; the last-chunk, the trailer section and the final CRLF. Grammar
 * errors are problems, not exceptions; reading stops at the first one, since the framing is
 * lost from there.
 */
import type { ProblemCode } from './head.js';

export interface ChunkedBody {
  /** The decoded content. */
  body: Buffer;
  /** Each chunk's size, in order (the last-chunk excluded). */
  sizes: number[];
  /** Chunk extensions as sent, e.g. `;name=value`. */
  extensions: string[];
  trailers: Array<[string, string]>;
  /** Offset just past the chunked body, when complete. */
  end?: number;
  problem?: { code: ProblemCode; message: string; at: number };
}

// chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ), val = token / quoted-string
const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const QUOTED = '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x21-\\x7e\\x80-\\xff])*"';
const EXT = `(?:[ \\t]*;[ \\t]*${TOKEN}(?:[ \\t]*=[ \\t]*(?:${TOKEN}|${QUOTED}))?)*`;
const SIZE_LINE = new RegExp(`^([0-9A-Fa-f]+)(${EXT})$`);
const FIELD = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*([\t\x20-\x7e\x80-\xff]*?)[ \t]*$/;

/** Reads a chunked body from `at`. Without `end` and problem, more bytes are needed. */
export function readChunked(raw: Buffer, at: number): ChunkedBody {
  const parts: Buffer[] = [];
  const out: ChunkedBody = { body: Buffer.alloc(0), sizes: [], extensions: [], trailers: [] };
  const fail = (message: string, where: number): ChunkedBody => ({
    ...out,
    body: Buffer.concat(parts),
    problem: { code: 'chunked', message, at: where },
  });
  let pos = at;
  for (;;) {
    const crlf = raw.indexOf('\r\n', pos, 'latin1');
    const lf = raw.indexOf(0x0a, pos);
    if (lf >= 0 && (crlf < 0 || lf < crlf + 1))
      return fail(
        `the chunk-size line ${JSON.stringify(raw.subarray(pos, lf + 1).toString('latin1'))} ends in a bare LF`,
        pos,
      );
    if (crlf < 0) return { ...out, body: Buffer.concat(parts) };
    const line = raw.subarray(pos, crlf).toString('latin1');
    const m = SIZE_LINE.exec(line);
    if (!m) return fail(`${JSON.stringify(line)} is not a chunk-size line (hex digits, optional ;extensions)`, pos);
    const digits = (m[1] as string).replace(/^0+(?=.)/, '');
    // A size beyond 2^48 is not a real body; reading it exactly would need BigInt.
    if (digits.length > 12) return fail(`chunk size 0x${m[1]} is implausibly large`, pos);
    const size = parseInt(digits, 16);
    if (m[2]) out.extensions.push(m[2]);
    pos = crlf + 2;
    if (size === 0) break;
    if (raw.length < pos + size + 2) return { ...out, body: Buffer.concat(parts) };
    parts.push(raw.subarray(pos, pos + size));
    out.sizes.push(size);
    pos += size;
    if (raw[pos] !== 0x0d || raw[pos + 1] !== 0x0a)
      return fail(
        `chunk data (${size} bytes) is not followed by CRLF: ` +
          `${JSON.stringify(raw.subarray(pos, pos + 12).toString('latin1'))}`,
        pos,
      );
    pos += 2;
  }
  // trailer-section CRLF
  for (;;) {
    const crlf = raw.indexOf('\r\n', pos, 'latin1');
    if (crlf < 0) return { ...out, body: Buffer.concat(parts) };
    const line = raw.subarray(pos, crlf).toString('latin1');
    if (line === '') return { ...out, body: Buffer.concat(parts), end: crlf + 2 };
    const f = FIELD.exec(line);
    if (!f)
      return fail(`${JSON.stringify(line)} after the last chunk is neither a trailer field nor the final CRLF`, pos);
    out.trailers.push([f[1] as string, f[2] as string]);
    pos = crlf + 2;
  }
}

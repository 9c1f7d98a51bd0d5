/** Building request bytes exactly as given, and showing received bytes exactly as they came. */

export interface WireRequest {
  method?: string;
  target?: string;
  protocol?: 'HTTP/1.0' | 'HTTP/1.1';
  /** Field lines in order, written as `name: value` (nothing added, nothing checked). */
  headers: Array<[string, string]>;
  /** Body bytes as they go on the wire (already framed). */
  body?: Buffer | string;
}

/** The request line, the field lines and the body, CRLF-terminated; no field is added. */
export function requestBytes(r: WireRequest): Buffer {
  const head = [
    `${r.method ?? 'GET'} ${r.target ?? '/'} ${r.protocol ?? 'HTTP/1.1'}`,
    ...r.headers.map(([n, v]) => `${n}: ${v}`),
  ].join('\r\n');
  return Buffer.concat([
    Buffer.from(`${head}\r\n\r\n`, 'latin1'),
    typeof r.body === 'string' ? Buffer.from(r.body, 'latin1') : (r.body ?? Buffer.alloc(0)),
  ]);
}

/** Frames `parts` as a chunked body, with optional per-chunk extensions and trailer fields. */
export function chunkedBody(
  parts: string[],
  opts: { extensions?: string[]; trailers?: Array<[string, string]> } = {},
): Buffer {
  const chunks = parts
    .map((p, i) => `${Buffer.byteLength(p, 'latin1').toString(16)}${opts.extensions?.[i] ?? ''}\r\n${p}\r\n`)
    .join('');
  const trailers = (opts.trailers ?? []).map(([n, v]) => `${n}: ${v}\r\n`).join('');
  return Buffer.from(`${chunks}0\r\n${trailers}\r\n`, 'latin1');
}

/**
 * Bytes for a person to read, one line per CRLF-terminated line, each prefixed: anything
 * that is not printable ASCII (a bare CR or LF included) shows as \xNN, so a report shows
 * exactly what was on the wire.
 */
export function showBytes(buf: Buffer, prefix: string, max = 1200): string {
  const cut = buf.length > max;
  const text = buf.subarray(0, max).toString('latin1');
  const lines = text
    .split('\r\n')
    .map((l) => prefix + l.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  if (lines.length > 1 && lines[lines.length - 1] === prefix) lines.pop();
  return `${lines.join('\n')}${cut ? `\n${prefix}… (${buf.length - max} more bytes)` : ''}`;
}

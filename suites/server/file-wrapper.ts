/**
 * PEP 3333, Optional Platform-Specific File Handling: wsgi.file_wrapper, when the server
 * offers it. A server without one is not judged (every case skips: the key is optional,
 * file-wrapper-optional); the probe then answers {"present": false}.
 */
import { eventFacts, firstFact } from '../../harness/probe-protocol.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { defineServerCases, breach, observation, type Observed } from './case.js';

/** The probe's wrapped content (file_data in _wsgiconf_probe_timing.py): numbered 10-byte lines. */
export function fileData(lines = 300): Buffer {
  return Buffer.from(
    Array.from({ length: lines }, (_, i) => `line ${String(i).padStart(4, '0')}\n`).join(''),
    'latin1',
  );
}

interface ErrorInfo {
  type?: string;
  message?: string;
}

/** The server has no wsgi.file_wrapper: nothing to judge. */
const absent = (o: Observed) => eventFacts(o.facts, 'file-wrapper').some((f) => !f.present);
/** Why a case about wsgi.file_wrapper does not judge a server without one. */
export const NO_WRAPPER = 'the server offers no wsgi.file_wrapper (it is optional: file-wrapper-optional)';
const err = (e: ErrorInfo | undefined) =>
  `${e?.type ?? 'an error'}: ${JSON.stringify((e?.message ?? '').slice(0, 160))}`;
const show = (b: Buffer, n = 60) => JSON.stringify(b.subarray(0, n).toString('latin1')) + (b.length > n ? '...' : '');

/** Where `got` first differs from `want`, for a message. */
function difference(got: Buffer, want: Buffer): string {
  let i = 0;
  while (i < got.length && i < want.length && got[i] === want[i]) i++;
  return (
    `${got.length} bytes, expected ${want.length}; first difference at byte ${i}: got ${show(got.subarray(i), 30)}, ` +
    `expected ${show(want.subarray(i), 30)}`
  );
}

function bodyCase(kind: 'bytesio' | 'read-only', what: string) {
  const want = fileData();
  return {
    rules: ['file-wrapper-non-file-fallback'],
    request: { scenario: 'file-wrapper-body' as const, headers: [['X-Probe-File', kind]] as Array<[string, string]> },
    // A server whose platform path chokes on the object may drop the connection: still a finding.
    abortExpected: true,
    check: (o: Observed): Breach[] | null | { skip: string } => {
      if (absent(o)) return { skip: NO_WRAPPER };
      const made = firstFact(o.facts, 'file-wrapper-body');
      if (!made) return null;
      const rule = 'file-wrapper-non-file-fallback';
      const expected =
        `the ${want.length} bytes of the ${what}, read through read() (the wrapper must still return an iterable ` +
        `that wraps read())`;
      if (made.error) return [breach(rule, `wsgi.file_wrapper(${what}) raised ${err(made.error)}`, expected)];
      // A response cut short after a complete head is a framing fault, not the wrapper's.
      if (o.ex.error && o.ex.status === undefined)
        return [
          breach(
            rule,
            `the application returned the wrapper of a ${what} and the response failed: ${o.ex.error}`,
            expected,
          ),
        ];
      if (o.ex.error) return { skip: `the response was incomplete: ${o.ex.error}` };
      if (o.ex.status !== 200)
        return [
          breach(
            rule,
            `the application returned the wrapper of a ${what} and the server answered ${o.ex.status} ` +
              `${show(o.ex.body)}`,
            expected,
          ),
        ];
      return o.ex.body.equals(want)
        ? []
        : [breach(rule, `the body of the wrapped ${what}: ${difference(o.ex.body, want)}`, expected)];
    },
  };
}

export const fileWrapperServerCases = defineServerCases([
  {
    id: 'file-wrapper-callable',
    rules: ['file-wrapper-signature', 'file-wrapper-returns-iterable'],
    description:
      'wsgi.file_wrapper accepts a file and an optional block size, both positional, and returns an iterable the ' +
      'application itself can iterate (as middleware may).',
    request: { scenario: 'file-wrapper-api' },
    check: (o) => {
      const obs = observation(o, 'file-wrapper-api');
      if (obs?.present === false || absent(o)) return { skip: NO_WRAPPER };
      if (!obs?.present) return null;
      if (!obs.callable)
        return [
          breach(
            'file-wrapper-signature',
            `wsgi.file_wrapper is a ${obs.type}, which is not callable`,
            'a callable: file_wrapper(filelike, block_size=8192)',
          ),
        ];
      const out: Breach[] = [];
      for (const c of obs.calls ?? []) {
        if (c.error) {
          out.push(
            breach(
              'file-wrapper-signature',
              `wsgi.file_wrapper(file${c.nargs === 1 ? '' : ', 7'}) raised ${err(c.error)}`,
              'one required positional argument (the file-like) and one optional positional argument (the block size)',
            ),
          );
          continue;
        }
        const bad = c.iterError
          ? `iter() raised ${err(c.iterError)}`
          : c.nextError
            ? `iterating it raised ${err(c.nextError)}`
            : c.types?.some((t) => t !== 'bytes')
              ? `iterating it gave ${c.types.join(', ')} items`
              : c.endless
                ? `iterating it never ended (${c.items} items, the last ones empty): the end of the file was not ` +
                  `detected`
                : undefined;
        if (bad)
          out.push(
            breach(
              'file-wrapper-returns-iterable',
              `wsgi.file_wrapper(file${c.nargs === 1 ? '' : ', 7'}) returned a ${c.returned}; ${bad}`,
              "an iterable of bytes, usable by anyone (middleware too), not only by the server's own sending path",
            ),
          );
      }
      return out;
    },
  },
  {
    id: 'file-wrapper-closes-file',
    rules: ['file-wrapper-close-delegates'],
    description:
      "The wrapper of a file has a close() that calls the file's close(), and the server calls it once the " +
      'response is sent.',
    request: { scenario: 'file-wrapper-body', headers: [['X-Probe-File', 'file']] },
    awaitFacts: (facts) => eventFacts(facts, 'file-close').some((f) => f.tag === 'returned'),
    check: (o) => {
      if (absent(o)) return { skip: NO_WRAPPER };
      const made = firstFact(o.facts, 'file-wrapper-body');
      if (!made || made.error) return null;
      const rule = 'file-wrapper-close-delegates';
      // Tried first on an object with read() and close(); absent when the wrapper refused it.
      if (made.hasClose === false)
        return [
          breach(
            rule,
            'the wrapper of a file-like object that has close() has no close() of its own',
            "a close() that calls the file's close()",
          ),
        ];
      if (made.delegates === false)
        return [
          breach(
            rule,
            "the wrapper's close() did not call the file's close()",
            "a close() that calls the file's close()",
          ),
        ];
      if (o.ex.status !== 200) return null;
      const closed = eventFacts(o.facts, 'file-close').some((f) => f.tag === 'returned');
      return closed
        ? []
        : [
            breach(
              rule,
              "the application returned the wrapper of a real file; the response was sent, and the file's close() " +
                "was never called (so neither was the wrapper's close())",
              "the server calls the wrapper's close(), which closes the file",
            ),
          ];
    },
  },
  {
    id: 'file-wrapper-bytesio',
    description:
      'The wrapper of an io.BytesIO (no usable fileno(), no Content-Length from the application) sends its whole ' +
      'content.',
    ...bodyCase('bytesio', 'io.BytesIO'),
  },
  {
    id: 'file-wrapper-read-only-object',
    description: 'The wrapper of an object that has only read() sends its whole content.',
    ...bodyCase('read-only', 'object with only read()'),
  },
  {
    id: 'file-wrapper-position-and-length',
    rules: ['file-wrapper-read-semantics'],
    description:
      'The wrapper of a real file positioned at byte 5, with Content-Length 20, sends exactly bytes 5 to 24: from ' +
      "the file's current position, and no more than Content-Length.",
    request: { scenario: 'file-wrapper-position' },
    // A raw socket with Connection: close, so bytes past Content-Length are seen too.
    raw: { protocol: 'HTTP/1.1' },
    abortExpected: true,
    check: (o) => {
      if (absent(o)) return { skip: NO_WRAPPER };
      if (!o.facts.some((f) => f.ev === 'file-wrapper-position') || !o.ex.status) return null;
      if (o.ex.status !== 200) return null;
      const data = fileData();
      const want = data.subarray(5, 25);
      const got = o.ex.body;
      if (got.equals(want)) return [];
      const rule = 'file-wrapper-read-semantics';
      const expected = `the 20 bytes from the file's position 5: ${show(want)}`;
      const problems: string[] = [];
      if (got.subarray(0, 20).equals(data.subarray(0, 20)))
        problems.push('transmission started at the beginning of the file, not at its current position (5)');
      if (got.length > 20)
        problems.push(
          `${got.length} bytes were sent after the headers although the application's Content-Length is 20`,
        );
      if (!problems.length) problems.push(`the body is ${difference(got, want)}`);
      return [breach(rule, `${problems.join('; ')}: ${show(got)}`, expected)];
    },
  },
  {
    id: 'file-wrapper-not-returned',
    rules: ['file-wrapper-no-early-transmit'],
    description:
      'A wrapper the application creates but does not return sends nothing, and a wrapper the application returns ' +
      'inside its own generator (as middleware would) is iterated, not sent as is.',
    request: { scenario: 'file-wrapper-decoy' },
    raw: { protocol: 'HTTP/1.1' },
    abortExpected: true,
    check: (o) => {
      if (absent(o)) return { skip: NO_WRAPPER };
      if (!o.facts.some((f) => f.ev === 'file-wrapper-decoy')) return null;
      const rule = 'file-wrapper-no-early-transmit';
      const expected = 'only what the application returned: the upper-cased lines of its generator';
      const wire = `${o.ex.transcript}\n${o.ex.body.toString('latin1')}`;
      if (wire.includes('DECOY'))
        return [
          breach(rule, 'the content of a file wrapper the application created but never returned was sent', expected),
        ];
      if (!o.ex.status || o.ex.status !== 200) return null;
      const want = Buffer.from(fileData(30).toString('latin1').toUpperCase(), 'latin1');
      if (o.ex.body.equals(want)) return [];
      const raw = o.ex.body.toString('latin1');
      if (raw.includes('line 0000'))
        return [
          breach(
            rule,
            `the wrapped file was sent as is (${show(o.ex.body, 30)}), although the application returned its own ` +
              `generator over the wrapper`,
            expected,
          ),
        ];
      return [breach(rule, `the body is ${difference(o.ex.body, want)}`, expected)];
    },
  },
]);

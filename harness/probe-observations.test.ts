/**
 * The real probe's answers match the probe protocol: each scenario that answers with an
 * observation is called in-process (a plain WSGI call, wsgiref's test environ) and its JSON
 * body validated against the scenario's schema.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromRoot } from './paths.js';
import { OBSERVATIONS, parseObservation, type ObservingScenario } from './probe-protocol.js';

const SCRIPT = String.raw`
import io, json, sys, tempfile, os
sys.path.insert(0, sys.argv[1])
os.environ['WSGI_CONFORMANCE_PROBE_DIR'] = tempfile.mkdtemp()
import probe
from wsgiref.util import setup_testing_defaults, FileWrapper

REQUESTS = [
    ('environ', {}, b''),
    ('input', {'HTTP_X_PROBE_OPS': 'read:3,readline,readlines,iter,read:2'}, b'line1\nline2\n'),
    ('errors', {}, b''),
    ('start-response', {}, b''),
    ('bad-header', {'HTTP_X_PROBE_HEADER': 'newline'}, b''),
    ('sleep', {'HTTP_X_PROBE_SLEEP': '0'}, b''),
    ('store-then-check', {}, b''),
    ('file-wrapper-api', {}, b''),
    ('file-wrapper-body', {'wsgi.file_wrapper': None}, b''),
    ('file-wrapper-position', {'wsgi.file_wrapper': None}, b''),
    ('file-wrapper-decoy', {'wsgi.file_wrapper': None}, b''),
    ('address', {'HTTP_HOST': '127.0.0.1:8000'}, b''),
    ('facts-of', {'HTTP_X_PROBE_OF': 'probe-observations-environ'}, b''),
    ('exc-info-ref', {}, b''),
    ('respond', {'HTTP_X_PROBE_SPEC': '{"echo": "environ"}', 'HTTP_X_PROBE_SEQ': '1.0'}, b''),
    ('respond', {'HTTP_X_PROBE_SPEC': '{"echo": "body"}', 'CONTENT_LENGTH': '5'}, b'hello'),
    ('fuzz-echo', {'HTTP_X_PROBE_OPS': 'read:2,readline,readlines,iter'}, b'ab\ncd\n'),
]

out = []
for scenario, extra, body in REQUESTS:
    environ = {'HTTP_X_PROBE_SCENARIO': scenario, 'HTTP_X_PROBE_ID': 'probe-observations-' + scenario}
    setup_testing_defaults(environ)
    environ['wsgi.input'] = io.BytesIO(body)
    environ['wsgi.errors'] = io.StringIO()
    environ['wsgi.file_wrapper'] = FileWrapper
    environ.update(extra)
    if environ['wsgi.file_wrapper'] is None:
        del environ['wsgi.file_wrapper']
    calls = []

    def start_response(status, headers, exc_info=None):
        # A strict server: a second call without exc_info, or a header with CR LF, raises.
        if calls and exc_info is None:
            raise AssertionError('start_response called a second time without exc_info')
        if any('\n' in str(v) for _, v in headers):
            raise ValueError('CR LF in a header value')
        calls.append(status)
        return lambda data: None

    result = probe.application(environ, start_response)
    data = b''.join(result)
    if hasattr(result, 'close'):
        result.close()
    out.append({'scenario': scenario, 'status': calls[-1] if calls else None, 'body': data.decode('latin-1')})
print(json.dumps(out))
`;

describe('the real probe answers what the probe protocol says', () => {
  const answers = JSON.parse(
    execFileSync('python3', ['-c', SCRIPT, fromRoot('harness', 'python')], { encoding: 'utf8', timeout: 60_000 }),
  ) as Array<{ scenario: ObservingScenario; status: string | null; body: string }>;

  it('covers every scenario that answers with an observation', () => {
    const observing = Object.entries(OBSERVATIONS)
      .filter(([, s]) => s)
      .map(([name]) => name);
    expect([...new Set(answers.map((a) => a.scenario))].sort()).toEqual(observing.sort());
  });

  for (const a of answers) {
    it(`${a.scenario} (${a.status})`, () => {
      expect(() => parseObservation(a.scenario, JSON.parse(a.body))).not.toThrow();
    });
  }
});

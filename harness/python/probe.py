"""wsgi-conformance probe: the WSGI application hosted on the server under test (stdlib only,
Python 3.8+). Each request names a scenario (header X-Probe-Scenario) and an id (X-Probe-Id);
the probe does what the scenario says and records what it observed.

Facts that only exist after the response is on the wire (close() called, what a late
start_response raised) travel over a side channel that works with multi-process servers:
JSON lines appended to WSGI_CONFORMANCE_PROBE_DIR/<id>.jsonl (default: a folder in the
system temp dir). The observation of a scenario is also the response body, as JSON.
"""
import itertools
import json
import os
import re
import tempfile
import threading
import time

import _wsgiconf_probe_body
import _wsgiconf_probe_fuzz
import _wsgiconf_probe_scenarios
import _wsgiconf_probe_timing
import _wsgiconf_probe_wire
from _wsgiconf_probe_read import header
from _wsgiconf_values import error_info, safe_repr

SCENARIOS = {}
for _module in (_wsgiconf_probe_scenarios, _wsgiconf_probe_body, _wsgiconf_probe_timing,
                _wsgiconf_probe_wire, _wsgiconf_probe_fuzz):
    SCENARIOS.update(_module.SCENARIOS)

PROBE_DIR = os.environ.get('WSGI_CONFORMANCE_PROBE_DIR') or os.path.join(
    tempfile.gettempdir(), 'wsgi-conformance-probe')
_anonymous = itertools.count(1)


class Recorder(object):
    """Appends facts for one request; one write() per line keeps lines whole across processes."""

    def __init__(self, rid):
        self.rid = rid
        self.path = os.path.join(PROBE_DIR, re.sub(r'[^A-Za-z0-9_.-]', '_', rid) + '.jsonl')

    def emit(self, ev, **data):
        data.update(ev=ev, pid=os.getpid(), thread=threading.get_ident(), t=time.time())
        line = (json.dumps(data, ensure_ascii=True, default=safe_repr) + '\n').encode('ascii')
        try:
            os.makedirs(PROBE_DIR, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)
        except OSError:
            pass  # the response body still carries the main observation


class Probe(object):
    """A callable instance, not a function: servers must not care (env-call-no-introspection).
    It takes *args/**kwargs so the way the server calls it can be observed (env-call-positional)."""

    calls = 0

    def __call__(self, *args, **kwargs):
        environ = args[0] if args else kwargs.get('environ', {})
        start_response = args[1] if len(args) > 1 else kwargs.get('start_response')
        # Whatever types the server put in environ, the probe reads its own headers as text.
        rid = header(environ, 'HTTP_X_PROBE_ID') or 'anonymous-%d-%d' % (os.getpid(), next(_anonymous))
        scenario = header(environ, 'HTTP_X_PROBE_SCENARIO', 'environ')
        rec = Recorder(rid)
        Probe.calls += 1
        rec.emit('call', scenario=scenario, nargs=len(args), kwargs=sorted(kwargs),
                 callsInProcess=Probe.calls)
        handler = SCENARIOS.get(scenario)
        if handler is None:
            body = ('unknown probe scenario %r; known: %s' % (scenario, ', '.join(sorted(SCENARIOS)))).encode()
            start_response('404 Not Found', [('Content-Type', 'text/plain'), ('Content-Length', str(len(body)))])
            return [body]
        try:
            return handler(environ, start_response, rec)
        except Exception as e:
            rec.emit('raised', error=error_info(e))
            raise


application = Probe()

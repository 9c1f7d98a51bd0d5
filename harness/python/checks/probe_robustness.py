"""Feeds every probe scenario environs with every wrong type for every key it reads, and
checks that the probe still answers with its observations (stdlib only).

    python3 probe_robustness.py          # prints one JSON line per crash; exit 1 if any

The keys a scenario reads are learnt by running it once on a well-formed environ through a
dict that records lookups. A deliberate error of the probe (its message starts with
'probe:') is part of a scenario; any other exception is a crash, a bug of the suite.
"""
import io
import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
os.environ['WSGI_CONFORMANCE_PROBE_DIR'] = tempfile.mkdtemp(prefix='wsgiconf-robust-')
time.sleep = lambda seconds: None  # the timing scenarios' sleeps prove nothing here

import probe  # noqa: E402


class Hostile(object):
    def __repr__(self):
        raise RuntimeError('hostile __repr__')

    __str__ = __repr__


class DictSubclass(dict):
    pass


MISSING = object()
WRONG = [('bytes', b'\xff\x00bytes'), ('int', 7), ('None', None), ('dict subclass', DictSubclass(a=1)),
         ('missing', MISSING), ('hostile repr', Hostile())]


class Recording(dict):
    """A dict that records which keys were looked up."""

    def __init__(self, *args):
        dict.__init__(self, *args)
        self.seen = set()

    def __getitem__(self, key):
        self.seen.add(key)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        self.seen.add(key)
        return dict.get(self, key, default)

    def __contains__(self, key):
        self.seen.add(key)
        return dict.__contains__(self, key)


def base_environ(scenario, rid):
    body = b'line1\nline2\n'
    return {
        'REQUEST_METHOD': 'POST', 'SCRIPT_NAME': '', 'PATH_INFO': '/', 'QUERY_STRING': 'a=1',
        'CONTENT_TYPE': 'text/plain', 'CONTENT_LENGTH': str(len(body)), 'SERVER_NAME': '127.0.0.1',
        'SERVER_PORT': '8000', 'SERVER_PROTOCOL': 'HTTP/1.1', 'HTTP_HOST': '127.0.0.1:8000',
        'HTTP_X_PROBE_SCENARIO': scenario, 'HTTP_X_PROBE_ID': rid, 'HTTP_X_PROBE_OPS': 'read:3,readline,read',
        'HTTP_X_PROBE_SPEC': '{"echo": "environ", "items": ["a"]}', 'HTTP_X_PROBE_OF': rid,
        'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(body),
        'wsgi.errors': io.StringIO(), 'wsgi.multithread': True, 'wsgi.multiprocess': False,
        'wsgi.run_once': False,
    }


def call(environ):
    """Runs the probe as a plain gateway would; returns the exception it let out, if any."""
    state = {}

    def start_response(status, headers, exc_info=None):
        if exc_info and state.get('sent'):
            raise exc_info[1].with_traceback(exc_info[2])
        state['status'] = status
        return lambda data: None

    result = None
    try:
        result = probe.application(environ, start_response)
        for chunk in result:
            state['sent'] = True
    except Exception as e:
        return e
    else:
        if 'status' not in state:
            return RuntimeError('the probe returned without calling start_response')
    finally:
        close = getattr(result, 'close', None)
        if close is not None:
            try:
                close()
            except Exception:
                pass
    return None


def message(e):
    try:
        return '%s: %s' % (type(e).__name__, e)
    except Exception:
        return '%s (its message cannot be shown)' % type(e).__name__


def crashed(e):
    return e is not None and not message(e).startswith(type(e).__name__ + ': probe:')


def main():
    crashes = []
    for n, scenario in enumerate(sorted(probe.SCENARIOS)):
        recording = Recording(base_environ(scenario, 'robust-%d' % n))
        first = call(recording)
        if crashed(first):
            crashes.append({'scenario': scenario, 'key': None, 'value': 'well-formed', 'error': message(first)})
        for key in sorted(recording.seen, key=str):
            for label, value in WRONG:
                environ = base_environ(scenario, 'robust-%d-%s' % (n, key))
                if value is MISSING:
                    environ.pop(key, None)
                else:
                    environ[key] = value
                e = call(environ)
                if crashed(e):
                    crashes.append({'scenario': scenario, 'key': key, 'value': label,
                                    'error': message(e)})
    for c in crashes:
        print(json.dumps(c))
    print(json.dumps({'scenarios': len(probe.SCENARIOS), 'crashes': len(crashes)}))
    return 1 if crashes else 0


if __name__ == '__main__':
    sys.exit(main())

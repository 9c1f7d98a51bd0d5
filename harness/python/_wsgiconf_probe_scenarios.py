"""The probe's scenarios: each does what a server-side rule needs and records what happened.
Every handler is a well-behaved WSGI application except where breaking a rule on purpose
is the point (then the comment says which)."""
import json
import os
import sys
import time

from _wsgiconf_probe_read import get, header
from _wsgiconf_values import describe, error_info, safe_repr, type_name

JSON = ('Content-Type', 'application/json')


def headers(*extra):
    # A fresh list for every call: servers may modify it (PEP 3333, start_response), and
    # wsgiref does, so a shared module-level list would collect duplicate headers.
    return [JSON] + list(extra)


def answer(start_response, obs, status='200 OK'):
    body = json.dumps(obs, ensure_ascii=True, default=safe_repr).encode('ascii')
    start_response(status, headers(('Content-Length', str(len(body)))))
    return [body]


def observe_environ(environ):
    return {
        'environType': type_name(environ),
        'isDict': type(environ) is dict,
        'keys': dict((k if type(k) is str else safe_repr(k), describe(v, cap=500)) for k, v in environ.items()),
        'nonStrKeys': [safe_repr(k) for k in environ if type(k) is not str],
        # Copies of the process environment (allowed: env-os-vars-may) are not server keys.
        'osKeys': sorted(k for k, v in environ.items()
                         if type(k) is str and type(v) is str and os.environ.get(k) == v),
    }


def environ_scenario(environ, start_response, rec):
    obs = observe_environ(environ)
    rec.emit('environ', **obs)
    return answer(start_response, obs)


def _parse_ops(spec):
    for op in filter(None, (spec or '').split(',')):
        name, _, arg = op.partition(':')
        yield name, (int(arg),) if arg else ()


def input_scenario(environ, start_response, rec):
    """Runs the wsgi.input operations listed in X-Probe-Ops, e.g. `read:3,readline,iter`."""
    stream = get(environ, 'wsgi.input')
    results = []
    for name, args in _parse_ops(header(environ, 'HTTP_X_PROBE_OPS')):
        rec.emit('op-start', op=name, args=list(args))
        started = time.time()
        try:
            if name == 'iter':
                value = list(iter(stream))
            else:
                value = getattr(stream, name)(*args)
            results.append({'op': name, 'args': list(args), 'value': describe(value, cap=500),
                            'ms': round((time.time() - started) * 1000)})
        except Exception as e:
            results.append({'op': name, 'args': list(args), 'error': error_info(e)})
        rec.emit('op-done', op=name)
    obs = {'inputType': type_name(stream), 'results': results}
    rec.emit('input', **obs)
    return answer(start_response, obs)


def errors_scenario(environ, start_response, rec):
    stream = get(environ, 'wsgi.errors')
    results = []
    for label, call in [
        ('write', lambda: stream.write('wsgi-conformance probe: plain text\n')),
        ('write-unicode', lambda: stream.write(u'wsgi-conformance probe: \u20ac \U0001F600 \u00e9\n')),
        ('writelines', lambda: stream.writelines(['wsgi-conformance probe: line 1\n', 'line 2\n'])),
        ('flush', lambda: stream.flush()),
    ]:
        try:
            call()
            results.append({'op': label})
        except Exception as e:
            results.append({'op': label, 'error': error_info(e)})
    obs = {'errorsType': type_name(stream), 'results': results}
    rec.emit('errors', **obs)
    return answer(start_response, obs)


def start_response_scenario(environ, start_response, rec):
    """Calls start_response with three positional arguments, then a second time without
    exc_info, which the server must refuse (start-response-second-call-error)."""
    obs = {}
    write = start_response('200 OK', headers(), None)
    obs['returned'] = describe(write)
    obs['returnedCallable'] = callable(write)
    try:
        start_response('299 Second Call', headers())
        obs['secondCall'] = 'returned'
    except Exception as e:
        obs['secondCall'] = 'raised'
        obs['secondCallError'] = error_info(e)
    rec.emit('start-response', **obs)
    body = json.dumps(obs, default=safe_repr).encode('ascii')
    return [body]


def bad_header_scenario(environ, start_response, rec):
    """Passes a header the server should refuse (X-Probe-Header: hop-by-hop or malformed),
    and falls back to a clean response with exc_info, as the PEP allows after a failed call."""
    kind = header(environ, 'HTTP_X_PROBE_HEADER', 'hop-by-hop')
    bad = {'hop-by-hop': ('Connection', 'close'), 'newline': ('X-Bad', 'a\r\nX-Injected: 1'),
           'bytes-name': (b'X-Bytes', 'value')}.get(kind, ('Connection', 'close'))
    obs = {'kind': kind}
    try:
        start_response('200 OK', headers(bad))
        obs['firstCall'] = 'returned'
    except Exception as e:
        obs['firstCall'] = 'raised'
        obs['firstCallError'] = error_info(e)
        try:
            start_response('200 OK', headers(), sys.exc_info())
            obs['retryWithExcInfo'] = 'returned'
        except Exception as e2:
            obs['retryWithExcInfo'] = 'raised'
            obs['retryError'] = error_info(e2)
    rec.emit('bad-header', **obs)
    return [json.dumps(obs, default=safe_repr).encode('ascii')]


def exc_info_replace_scenario(environ, start_response, rec):
    """The application changes its mind before anything was sent (exc-info-replace-before-sent)."""
    start_response('200 OK', [('Content-Type', 'text/plain'), ('X-Probe-First', 'yes')])
    try:
        raise ValueError('probe: error after start_response, before any output')
    except ValueError:
        try:
            start_response('500 Internal Server Error', [('Content-Type', 'text/plain'), ('X-Probe-Second', 'yes')],
                           sys.exc_info())
        except BaseException as e:
            # The headers may be replaced all the same: only this fact tells that the call raised.
            rec.emit('replace-raised', error=error_info(e))
            raise
    rec.emit('replaced')
    return [b'replacement body']


def exc_info_after_sent_scenario(environ, start_response, rec):
    """Headers and a first chunk go out, then the app hits an error and calls start_response
    with exc_info: the server must raise (ideally exc_info[1] itself). The probe records what
    happened and lets it propagate, as the PEP requires of applications."""
    start_response('200 OK', [('Content-Type', 'text/plain')])

    def body():
        yield b'first chunk, headers are on the wire\n'
        try:
            raise ValueError('probe: late error')
        except ValueError as original:
            try:
                start_response('500 Internal Server Error', [('Content-Type', 'text/plain')], sys.exc_info())
            except BaseException as e:
                rec.emit('late-start-response', outcome='raised', same=e is original, error=error_info(e))
                raise
            rec.emit('late-start-response', outcome='returned')
            yield b'the server accepted start_response(..., exc_info) after sending headers\n'
    return body()


class Closing(object):
    """An iterable whose close() is recorded; `fail_at` makes iteration raise at that item."""

    def __init__(self, rec, chunks, fail_at=None):
        self.rec, self.chunks, self.fail_at = rec, chunks, fail_at

    def __iter__(self):
        for i, chunk in enumerate(self.chunks):
            if i == self.fail_at:
                self.rec.emit('iteration-raised', index=i)
                raise RuntimeError('probe: error during iteration (close() must still be called)')
            self.rec.emit('item-pulled', index=i)
            yield chunk

    def close(self):
        self.rec.emit('close')


def close_scenario(environ, start_response, rec):
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', '12')])
    return Closing(rec, [b'first ', b'second'])


def close_error_scenario(environ, start_response, rec):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return Closing(rec, [b'first chunk\n', b'never sent\n'], fail_at=1)


def lazy_scenario(environ, start_response, rec):
    """A generator: start_response is only called on the first next() (start-response-lazy-allowed)."""
    def body():
        start_response('200 OK', [('Content-Type', 'text/plain'), ('X-Probe-Lazy', 'yes')])
        rec.emit('lazy-started')
        yield b'lazy body'
    return body()


def write_scenario(environ, start_response, rec):
    """write() data comes before the iterable's (write-then-iterable-order)."""
    write = start_response('200 OK', [('Content-Type', 'text/plain')])
    if not callable(write):
        # Calling it would only raise TypeError: a fault start-response-returns-write reports.
        # Answering normally keeps this case apart from how the server handles app errors.
        rec.emit('write-not-callable', returned=type(write).__name__)
        return [b'no-write-callable']
    write(b'written-')
    rec.emit('written')
    return [b'yielded']


def mutate_environ_scenario(environ, start_response, rec):
    """The app may change environ in any way; the server must not rely on it afterwards."""
    environ.clear()
    environ['REQUEST_METHOD'] = 'BOGUS'
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', '7')])
    return [b'mutated']


SCENARIOS = {
    'environ': environ_scenario,
    'input': input_scenario,
    'errors': errors_scenario,
    'start-response': start_response_scenario,
    'bad-header': bad_header_scenario,
    'exc-info-replace': exc_info_replace_scenario,
    'exc-info-after-sent': exc_info_after_sent_scenario,
    'close': close_scenario,
    'close-error': close_error_scenario,
    'lazy': lazy_scenario,
    'write': write_scenario,
    'mutate-environ': mutate_environ_scenario,
}

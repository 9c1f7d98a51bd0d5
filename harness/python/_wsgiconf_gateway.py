"""One strict, instrumented WSGI call: builds the environ for a scenario, calls the app,
iterates and closes its result, and emits what happened. It records, it does not judge
(the TypeScript side maps the trace to rules), but it behaves as PEP 3333 demands of a
gateway: start_response refuses a second call without exc_info, re-raises exc_info[1] once
headers are sent, and the result is closed whatever happens.
"""
import sys
import time
from urllib.parse import unquote_to_bytes

from _wsgiconf_streams import StrictErrors, StrictInput, file_wrapper_factory

BARE = (str, bytes, bytearray)


class StartResponseObject(object):
    """start_response as a callable instance, for env-call-no-introspection."""

    def __init__(self, gw):
        self._gw = gw

    def __call__(self, *args, **kwargs):
        return self._gw.start_response(args, kwargs)


class Gateway(object):
    def __init__(self, app, cid, scenario, emit, describe, error_info, limits):
        self.app, self.cid, self.sc = app, cid, scenario
        self._emit, self.describe, self.error_info = emit, describe, error_info
        self.limits = limits
        self.phase = 'call'
        self.sr_count = 0
        self.headers_sent = False
        self.raised = None  # what start_response raised, to see whether the app trapped it
        self.locator = None  # _wsgiconf_locations.Locator: where in the app's code events come from
        self.body_sink = None  # receives body bytes when the links of the response are wanted

    def emit(self, event):
        event['id'] = self.cid
        if self.locator is not None:
            self.locator.annotate(event)
        self._emit(event)

    # ------------------------------------------------------------ environ

    def environ(self):
        sc = self.sc
        body = sc.get('body', '').encode('latin-1')
        cl = None
        env = {
            'REQUEST_METHOD': sc['method'],
            'SCRIPT_NAME': sc.get('scriptName', ''),
            # PEP 3333 Unicode Issues: request bytes are tunnelled as latin-1.
            'PATH_INFO': unquote_to_bytes(sc['path']).decode('latin-1'),
            'QUERY_STRING': sc.get('query', ''),
            'SERVER_NAME': 'localhost',
            'SERVER_PORT': '80',
            'SERVER_PROTOCOL': sc.get('protocol', 'HTTP/1.1'),
        }
        for name, value in sc.get('headers', []):
            key = name.upper().replace('-', '_')
            key = key if key in ('CONTENT_TYPE', 'CONTENT_LENGTH') else 'HTTP_' + key
            env[key] = env[key] + ',' + value if key in env else value
        if body and 'CONTENT_LENGTH' not in env:
            env['CONTENT_LENGTH'] = str(len(body))
        if env.get('CONTENT_LENGTH', '').isdigit():
            cl = int(env['CONTENT_LENGTH'])
        if sc.get('minimal'):
            env = dict((k, v) for k, v in env.items() if v != '')
        else:
            env['REMOTE_ADDR'] = '127.0.0.1'
            env['wsgi.file_wrapper'] = file_wrapper_factory(self)
        env.update({
            'wsgi.version': (1, 0),
            'wsgi.url_scheme': 'http',
            'wsgi.input': StrictInput(self, body, cl),
            'wsgi.errors': StrictErrors(self),
            'wsgi.multithread': False,
            'wsgi.multiprocess': False,
            'wsgi.run_once': bool(sc.get('runOnce')),
        })
        return env

    # ------------------------------------------------------------ callables given to the app

    def start_response(self, args, kwargs):
        handling = sys.exc_info()[1]
        exc_info = args[2] if len(args) > 2 else kwargs.get('exc_info')
        result, error = 'ok', None
        if exc_info:
            if self.headers_sent or self.sc.get('headersSent'):
                result = 'reraised'
                try:
                    error = exc_info[1].with_traceback(exc_info[2])
                except Exception:
                    error = TypeError('exc_info must be a sys.exc_info() tuple, got %r' % (exc_info,))
        elif self.sr_count:
            # The PEP's CGI example: a second call without exc_info is an error.
            result, error = 'refused', AssertionError('start_response() called twice without exc_info')
        self.emit({
            'type': 'start-response', 'seq': self.sr_count, 'phase': self.phase,
            'args': [self.describe(a) for a in args],
            'kwargs': dict((k, self.describe(v)) for k, v in kwargs.items()),
            'handling': None if handling is None else self.describe(handling),
            'headersSent': self.headers_sent, 'result': result,
        })
        self.sr_count += 1
        if error is not None:
            self.raised = error
            raise error
        return self.write_callable()

    def write_callable(self):
        def write(*args):
            self.emit({'type': 'write', 'phase': self.phase,
                       'data': self.describe(args[0] if len(args) == 1 else args)})
            if self.body_sink is not None and len(args) == 1:
                self.body_sink(args[0])
            self.headers_sent = True  # the first write() sends the headers
        return write

    def misuse(self, stream, name):
        self.emit({'type': 'stream-misuse', 'stream': stream, 'name': name})

    def emit_input(self, method, args, result, remaining):
        self.emit({'type': 'input', 'method': method, 'args': [self.describe(a) for a in args],
                   'result': self.describe(result, cap=200), 'remaining': remaining})

    def emit_errors(self, method, args):
        self.emit({'type': 'errors', 'method': method, 'args': [self.describe(a) for a in args]})

    def emit_file_wrapper(self, args):
        self.emit({'type': 'file-wrapper', 'args': [self.describe(a, cap=200) for a in args],
                   'hasRead': bool(args) and callable(getattr(args[0], 'read', None))})

    # ------------------------------------------------------------ the call

    def exception(self, e, at_call_site=False):
        chain, from_gateway = e, False
        while chain is not None and not from_gateway:
            from_gateway = chain is self.raised
            chain = chain.__cause__ or chain.__context__
        self.emit({'type': 'exception', 'phase': self.phase, 'error': self.error_info(e),
                   'atCallSite': at_call_site, 'fromGateway': from_gateway and self.raised is not None})

    def run(self):
        environ = self.environ()
        if self.sc.get('startResponse') == 'object':
            sr = StartResponseObject(self)
        else:
            def sr(*args, **kwargs):  # a plain function, as most servers pass
                return self.start_response(args, kwargs)
        try:
            result = self.app(environ, sr)
        except BaseException as e:
            # A TypeError whose traceback ends in this frame came from the call itself.
            self.exception(e, at_call_site=e.__traceback__.tb_next is None)
            return
        self.phase = 'iteration'
        cls = type(result)
        iterable = hasattr(cls, '__iter__') or hasattr(cls, '__getitem__')
        self.emit({'type': 'return', 'value': self.describe(result, cap=200),
                   'iterable': iterable and result is not None,
                   'hasClose': hasattr(result, 'close'), 'hasLen': hasattr(cls, '__len__')})
        try:
            if iterable and not isinstance(result, BARE):
                self.measure_len(result)
                self.iterate(result)
        finally:
            self.close(result)

    def measure_len(self, result):
        if not hasattr(type(result), '__len__'):
            return
        self.phase = 'len'
        try:
            self.emit({'type': 'len', 'value': len(result)})
        except BaseException as e:
            self.exception(e)
        self.phase = 'iteration'

    def iterate(self, result):
        lim, stop_after = self.limits, self.sc.get('stopAfter')
        count = nbytes = 0
        reason, odd_reported = 'exhausted', False
        try:
            it = iter(result)
        except BaseException as e:
            self.exception(e)
            it, reason = None, 'raised'
        while it is not None:
            if stop_after is not None and count >= stop_after:
                reason = 'stopped'
                break
            try:
                item = next(it)
            except StopIteration:
                break
            except BaseException as e:
                self.exception(e)
                reason = 'raised'
                break
            odd = type(item) is not bytes
            if count < lim['ITEM_EVENTS'] or (odd and not odd_reported):
                odd_reported = odd_reported or odd
                self.emit({'type': 'item', 'index': count, 'value': self.describe(item, cap=200),
                           'srCalled': self.sr_count > 0})
            count += 1
            if item and self.sr_count:
                self.headers_sent = True
            if isinstance(item, (bytes, bytearray, memoryview)):
                nbytes += len(item)
                if self.body_sink is not None:
                    self.body_sink(bytes(item))
            if count >= lim['MAX_ITEMS'] or nbytes >= lim['MAX_BYTES']:
                reason = 'capped'
                break
            cap_at = lim.get('CAP_AT')
            if cap_at is not None and count % 64 == 0 and time.perf_counter() >= cap_at:
                reason = 'capped'
                break
        self.emit({'type': 'iter-end', 'reason': reason, 'items': count, 'bytes': nbytes})

    def close(self, result):
        if not hasattr(result, 'close'):
            return
        self.phase = 'close'
        try:
            result.close()
            self.emit({'type': 'close', 'ok': True})
        except BaseException as e:
            self.exception(e)
            self.emit({'type': 'close', 'ok': False})

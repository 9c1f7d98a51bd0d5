"""Instrumented inner applications for middleware certification.

The middleware under test wraps one of these. Each records, on the same event stream as the
gateway, what the middleware gave it (environ, start_response) and when its iterable was
iterated and closed. Events are emitted in the order things happen, so the TypeScript side
judges block boundaries from order alone ("inner yielded item 2 before the gateway had item
1"), never from timing.
"""
import gc
import os
import sys
import tempfile
import weakref

CHUNKS = [b'inner chunk one; ', b'inner chunk two; ', b'inner chunk three.']
LAZY_CHUNKS = [b'lazy first; ', b'', b'lazy second; ', b'', b'lazy third.']
FILE_BODY = b'served through wsgi.file_wrapper\n' * 4
TEXT = ('Content-Type', 'text/plain; charset=utf-8')
ENV_VALUE_KEYS = 60  # environ keys described in full; the rest by type only


class Recorder(object):
    """Holds the emit function of the call in progress (inner apps outlive one call)."""

    def __init__(self, describe, error_info):
        self.describe, self.error_info = describe, error_info
        self.emit = lambda event: None

    def environ(self, environ):
        try:
            keys = sorted(k for k in environ.keys() if isinstance(k, str))
        except Exception:
            return {}
        out = {}
        for k in keys[:200]:
            v = environ[k]
            out[k] = self.describe(v, cap=200) if isinstance(v, (str, bytes, tuple, bool, int)) \
                else {'t': self.describe(v)['t']}
        return out


class InnerIterable(object):
    """The inner body: records every next() (and what it yielded) and every close()."""

    def __init__(self, rec, items, on_next=None):
        self.rec, self.items, self.on_next = rec, iter(items), on_next
        self.index, self.closed = 0, 0

    def __iter__(self):
        return self

    def __next__(self):
        self.rec.emit({'type': 'inner-next', 'index': self.index, 'closed': self.closed > 0})
        try:
            if self.on_next is not None:
                self.on_next(self.index)
            item = next(self.items)
        except StopIteration:
            self.rec.emit({'type': 'inner-end', 'reason': 'exhausted'})
            raise
        except BaseException as e:
            self.rec.emit({'type': 'inner-end', 'reason': 'raised', 'error': self.rec.error_info(e)})
            raise
        self.rec.emit({'type': 'inner-yield', 'index': self.index, 'n': len(item),
                       'v': bytes(item[:200]).decode('latin-1')})
        self.index += 1
        return item

    next = __next__

    def close(self):
        self.closed += 1
        self.rec.emit({'type': 'inner-close', 'count': self.closed})
        close = getattr(self.items, 'close', None)
        if close is not None:
            close()


class InnerApp(object):
    """One behaviour of a well-behaved application, chosen by `kind`."""

    def __init__(self, rec, kind):
        self.rec, self.kind = rec, kind

    def __call__(self, *args, **kwargs):
        rec = self.rec
        environ = args[0] if args else kwargs.get('environ')
        start_response = args[1] if len(args) > 1 else kwargs.get('start_response')
        rec.emit({'type': 'inner-call', 'app': self.kind, 'args': len(args), 'kwargs': sorted(kwargs),
                  'environType': rec.describe(environ, cap=0)['t'] if environ is not None else 'NoneType',
                  'environ': rec.environ(environ) if isinstance(environ, dict) else {},
                  'startResponse': {'t': rec.describe(start_response)['t'],
                                    'callable': callable(start_response)}})
        result = getattr(self, 'app_' + self.kind.replace('-', '_'))(environ, self._recorded(start_response))
        rec.emit({'type': 'inner-return'})
        return result

    def _recorded(self, start_response):
        rec = self.rec

        def sr(status, headers, exc_info=None):
            seq = getattr(sr, 'seq', 0)
            sr.seq = seq + 1
            try:
                ret = start_response(status, headers, exc_info) if exc_info else start_response(status, headers)
            except BaseException as e:
                rec.emit({'type': 'inner-start-response', 'seq': seq, 'excInfo': bool(exc_info),
                          'raised': rec.error_info(e),
                          'reraisedOwn': bool(exc_info) and e is exc_info[1]})
                raise
            rec.emit({'type': 'inner-start-response', 'seq': seq, 'excInfo': bool(exc_info),
                      'returned': rec.describe(ret, cap=0), 'writeCallable': callable(ret),
                      'headers': [[str(n), str(v)] for n, v in headers]})
            return ret
        return sr

    def _write(self, write, data):
        try:
            write(data)
        except Exception as e:
            self.rec.emit({'type': 'inner-write', 'n': len(data), 'v': data.decode('latin-1'),
                           'error': self.rec.error_info(e)})
            raise
        self.rec.emit({'type': 'inner-write', 'n': len(data), 'v': data.decode('latin-1')})

    # ---------------------------------------------------------------- behaviours

    def app_plain(self, environ, sr):
        body = b''.join(CHUNKS)
        sr('200 OK', [TEXT, ('Content-Length', str(len(body)))])
        return InnerIterable(self.rec, list(CHUNKS))

    def app_lazy(self, environ, sr):
        def gen():
            sr('200 OK', [TEXT])
            for chunk in LAZY_CHUNKS:
                yield chunk
        return InnerIterable(self.rec, gen())

    def app_write(self, environ, sr):
        write = sr('200 OK', [TEXT])
        if callable(write):
            self._write(write, b'written through write(); ')
        return InnerIterable(self.rec, [b'then yielded.'])

    def app_error_before(self, environ, sr):
        sr('200 OK', [TEXT])
        try:
            raise ValueError('inner application failed before its first chunk')
        except ValueError:
            sr('500 Internal Server Error', [TEXT], sys.exc_info())
        return InnerIterable(self.rec, [b'inner error page'])

    def app_error_after(self, environ, sr):
        def gen():
            sr('200 OK', [TEXT])
            yield b'inner part one; '
            try:
                raise ValueError('inner application failed after its first chunk')
            except ValueError:
                sr('500 Internal Server Error', [TEXT], sys.exc_info())
            yield b'inner error text'
        return InnerIterable(self.rec, gen())

    def app_raise_in_iteration(self, environ, sr):
        def boom(index):
            if index == 1:
                raise RuntimeError('inner application raised during iteration')
        sr('200 OK', [TEXT])
        return InnerIterable(self.rec, list(CHUNKS), on_next=boom)

    def app_input(self, environ, sr):
        stream = environ.get('wsgi.input')
        try:
            length = int(environ.get('CONTENT_LENGTH') or 0)
        except ValueError:
            length = 0
        for method, call in (('read', lambda: stream.read(min(length, 5))),
                             ('readline', lambda: stream.readline()),
                             ('readlines', lambda: stream.readlines()),
                             ('iter', lambda: list(stream)),
                             ('read', lambda: stream.read(0))):
            try:
                got = call()
                self.rec.emit({'type': 'inner-input', 'method': method, 'result': self.rec.describe(got, cap=100)})
                if method in ('readlines', 'iter') and isinstance(got, list):
                    for line in got:
                        self.rec.emit({'type': 'inner-input', 'method': method + '[]',
                                       'result': self.rec.describe(line, cap=100)})
            except Exception as e:
                self.rec.emit({'type': 'inner-input', 'method': method, 'error': self.rec.error_info(e)})
        sr('200 OK', [TEXT, ('Content-Length', '3')])
        return InnerIterable(self.rec, [b'ok\n'])

    def app_exc_info_ref(self, environ, sr):
        """exc-info-no-lingering-ref: once start_response(..., exc_info) replaced the unsent
        headers and this application dropped its own references, nothing may keep the
        exception alive. Weak references are read with the collector paused, so that an
        automatic collection cannot hide a reference cycle through the traceback."""
        sr('200 OK', [TEXT])
        enabled = gc.isenabled()
        gc.disable()
        try:
            try:
                exc_ref, sentinel_ref = _replace_with_exc_info(sr)
            except Exception:
                obs = {'replaced': False}
            else:
                obs = {'replaced': True, 'exceptionAlive': exc_ref() is not None,
                       'frameObjectAlive': sentinel_ref() is not None}
                if obs['exceptionAlive']:
                    obs['referrers'] = [type(r).__name__ for r in gc.get_referrers(exc_ref())][:10]
        finally:
            if enabled:
                gc.enable()
        obs['type'] = 'inner-exc-info-ref'
        self.rec.emit(obs)
        return InnerIterable(self.rec, [b'inner error page'])

    def app_file_wrapper(self, environ, sr):
        fd, path = tempfile.mkstemp(prefix='wsgiconf-mw-')
        os.write(fd, FILE_BODY)
        os.close(fd)
        f = open(path, 'rb')
        os.unlink(path)
        sr('200 OK', [TEXT, ('Content-Length', str(len(FILE_BODY)))])
        wrapper = environ.get('wsgi.file_wrapper')
        if wrapper is None:
            return InnerIterable(self.rec, [f.read()])
        result = wrapper(f, 8192)
        cls = type(result)
        self.rec.emit({'type': 'inner-file-wrapper', 'returned': self.rec.describe(result, cap=0),
                       'iterable': hasattr(cls, '__iter__') or hasattr(cls, '__getitem__')})
        return result


class InnerError(Exception):
    """Instances take weak references (a plain Exception does not)."""


class Sentinel(object):
    pass


def _fail(refs):
    sentinel = Sentinel()  # referenced only by this frame, which only the traceback keeps
    refs.append(weakref.ref(sentinel))
    raise InnerError('inner application failed before its first chunk')


def _replace_with_exc_info(sr):
    """start_response(..., exc_info) before anything was sent; returns weak references to the
    exception and to an object only its traceback keeps alive."""
    refs = []
    try:
        _fail(refs)
    except InnerError as e:
        refs.insert(0, weakref.ref(e))
        sr('500 Internal Server Error', [TEXT], sys.exc_info())
    return refs


KINDS = ('plain', 'lazy', 'write', 'error-before', 'error-after', 'raise-in-iteration', 'input', 'file-wrapper',
         'exc-info-ref')

"""Probe scenarios for wsgi.file_wrapper, timing and disconnect rules, and exc_info references.

The timing scenarios only make time pass on the server (sleeps between body items); what
reaches the client when is measured by the suite's raw-socket client
(harness/server/timed-request.ts). Every sleep is short enough that a single-threaded
server, which serves nothing else meanwhile, still answers the suite's other requests well
within their timeout.
"""
import gc
import io
import json
import os
import re
import sys
import tempfile
import threading
import time
import weakref

from _wsgiconf_probe_scenarios import answer, headers
from _wsgiconf_probe_read import get, header
from _wsgiconf_values import error_info, safe_repr, type_name

TEXT = ('Content-Type', 'text/plain')

# -- wsgi.file_wrapper ----------------------------------------------------------------------------

# The wrapped content: numbered lines, so any slice of it says where it came from.
# suites/server/file-wrapper.ts builds the same bytes (fileData).
FILE_LINES = 300


def file_data(lines=FILE_LINES):
    return b''.join(b'line %04d\n' % i for i in range(lines))  # 10 bytes a line


class _Keep(object):
    """Strong references to the file-likes handed to a wrapper, dropped when close() is
    called: a file the server never closes must not be closed by the garbage collector
    (io's __del__ calls close()) and so look closed."""
    alive = {}
    order = []
    lock = threading.Lock()

    @classmethod
    def hold(cls, obj):
        with cls.lock:
            cls.alive[id(obj)] = obj
            cls.order.append(id(obj))
            while len(cls.order) > 200:  # bounded: a server that never closes leaks no more
                cls.alive.pop(cls.order.pop(0), None)

    @classmethod
    def drop(cls, obj):
        with cls.lock:
            if cls.alive.get(id(obj)) is obj:
                del cls.alive[id(obj)]
                cls.order.remove(id(obj))


def _temp_file(data, rec, tag):
    """A real file (it has a fileno(): the sendfile path) whose close() is recorded."""
    raw = tempfile.TemporaryFile(buffering=0)  # an io.FileIO: one position, the OS's
    view = memoryview(data)
    while view:
        view = view[raw.write(view):]
    raw.seek(0)
    return _RecordedReader(raw, rec, tag)


class _RecordedReader(io.BufferedReader):
    def __init__(self, raw, rec, tag):
        io.BufferedReader.__init__(self, raw)
        self._rec, self._tag = rec, tag
        _Keep.hold(self)

    def close(self):
        if not self.closed:
            self._rec.emit('file-close', tag=self._tag)
            _Keep.drop(self)
        io.BufferedReader.close(self)


class ReadOnly(object):
    """A file-like with read() and nothing else (file-wrapper-non-file-fallback)."""

    def __init__(self, data):
        self._stream = io.BytesIO(data)

    def read(self, size=-1):
        return self._stream.read(size)


class ReadClose(ReadOnly):
    """read() and a recorded close(), no fileno()."""

    def __init__(self, data, rec, tag):
        ReadOnly.__init__(self, data)
        self._rec, self._tag, self.closed = rec, tag, False
        _Keep.hold(self)

    def close(self):
        self.closed = True
        self._rec.emit('file-close', tag=self._tag)
        _Keep.drop(self)


def _drain(iterable, limit=20000):
    """Iterate in the application, as middleware would: content, item types, and whether it ended."""
    out = {'items': 0, 'types': [], 'ended': False, 'data': ''}
    data = []
    empties = 0
    try:
        it = iter(iterable)
    except Exception as e:
        out['iterError'] = error_info(e)
        return out
    try:
        for item in it:
            out['items'] += 1
            t = type_name(item)
            if t not in out['types']:
                out['types'].append(t)
            if isinstance(item, bytes):
                data.append(item)
            empties = empties + 1 if not item else 0
            if empties > 100 or out['items'] >= limit:
                out['endless'] = True  # e.g. iter(read, '') with a str sentinel: b'' forever
                break
        else:
            out['ended'] = True
    except Exception as e:
        out['nextError'] = error_info(e)
    out['data'] = b''.join(data).decode('latin-1')
    return out


def _call(fn, *args):
    try:
        return fn(*args), None
    except Exception as e:
        return None, error_info(e)


def _wrapper(environ, rec):
    fw = get(environ, 'wsgi.file_wrapper')
    if fw is None:
        rec.emit('file-wrapper', present=False)
    return fw


def _absent(start_response):
    return answer(start_response, {'present': False, 'reason': 'the server offers no wsgi.file_wrapper'})


def file_wrapper_api_scenario(environ, start_response, rec):
    """Calls the wrapper on a real file with one and with two positional arguments, and
    iterates what it returns in the application (as middleware may): file-wrapper-signature,
    file-wrapper-returns-iterable. The other scenarios pass the file-like only, so that a
    wrapper refusing a block size is reported here alone."""
    fw = _wrapper(environ, rec)
    if fw is None:
        return _absent(start_response)
    data = file_data(40)
    obs = {'present': True, 'type': type_name(fw), 'callable': callable(fw), 'calls': []}
    for args in [(), (7,)]:
        filelike = _temp_file(data, rec, 'api')
        wrapped, error = _call(fw, filelike, *args)
        call = {'nargs': 1 + len(args)}
        if error:
            call['error'] = error
        else:
            call['returned'] = type_name(wrapped)
            drained = _drain(wrapped)
            drained['same'] = drained.pop('data') == data.decode('latin-1')
            call.update(drained)
            if hasattr(wrapped, 'close'):
                _call(wrapped.close)
        filelike.close()
        obs['calls'].append(call)
    rec.emit('file-wrapper-api', **obs)
    return answer(start_response, obs)


def file_wrapper_body_scenario(environ, start_response, rec):
    """Returns the wrapper of X-Probe-File: `bytesio` (no Content-Length), `read-only` (an
    object with read() only, Content-Length given) or `file` (a real file whose close() is
    recorded, Content-Length given)."""
    fw = _wrapper(environ, rec)
    if fw is None:
        return _absent(start_response)
    kind = header(environ, 'HTTP_X_PROBE_FILE', 'bytesio')
    data = file_data()
    obs = {'present': True, 'kind': kind}
    if kind == 'file':
        # Before the real one: does wrapper.close() reach the file's close() at all?
        # (An object with read() and close(), no fileno(): a wrapper that refuses it is
        # judged by the non-file cases, not here.)
        side = ReadClose(b'side', rec, 'side')
        wrapped, error = _call(fw, side)
        if error is None:
            obs['hasClose'] = hasattr(wrapped, 'close')
            if obs['hasClose']:
                _call(wrapped.close)
                obs['delegates'] = side.closed
        if not side.closed:
            side.close()
        filelike = _temp_file(data, rec, 'returned')
    else:
        filelike = io.BytesIO(data) if kind == 'bytesio' else ReadOnly(data)
    wrapped, error = _call(fw, filelike)
    if error:
        obs['error'] = error
        rec.emit('file-wrapper-body', **obs)
        return answer(start_response, obs, '500 Internal Server Error')
    rec.emit('file-wrapper-body', **obs)
    extra = [] if kind == 'bytesio' else [('Content-Length', str(len(data)))]
    start_response('200 OK', [TEXT] + extra)
    return wrapped


def file_wrapper_position_scenario(environ, start_response, rec):
    """A real file positioned at byte 5, Content-Length 20: the body is data[5:25]
    (file-wrapper-read-semantics: from the current position, no more than Content-Length)."""
    fw = _wrapper(environ, rec)
    if fw is None:
        return _absent(start_response)
    f = _temp_file(file_data(), rec, 'returned')
    f.seek(5)
    wrapped, error = _call(fw, f)
    if error:
        return answer(start_response, {'present': True, 'error': error}, '500 Internal Server Error')
    rec.emit('file-wrapper-position', present=True, position=f.tell())
    start_response('200 OK', [TEXT, ('Content-Length', '20')])
    return wrapped


class _Transformed(object):
    """What middleware returns after wrapping the app's file wrapper: upper-cased content."""

    def __init__(self, wrapped, files):
        self.wrapped, self.files = wrapped, files

    def __iter__(self):
        for chunk in self.wrapped:
            yield chunk.upper()

    def close(self):
        if hasattr(self.wrapped, 'close'):
            self.wrapped.close()
        for f in self.files:
            f.close()


def file_wrapper_decoy_scenario(environ, start_response, rec):
    """Creates a wrapper it never returns, and returns a generator over a second one
    (file-wrapper-no-early-transmit): neither may go on the wire as such."""
    fw = _wrapper(environ, rec)
    if fw is None:
        return _absent(start_response)
    decoy = _temp_file(b'DECOY ' * 50, rec, 'decoy')
    inner = _temp_file(file_data(30), rec, 'inner')
    _, error = _call(fw, decoy)
    wrapped, error2 = _call(fw, inner)
    if error or error2:
        decoy.close()
        inner.close()
        return answer(start_response, {'present': True, 'error': error or error2}, '500 Internal Server Error')
    rec.emit('file-wrapper-decoy', present=True)
    start_response('200 OK', [TEXT, ('Content-Length', str(len(file_data(30))))])
    return _Transformed(wrapped, [decoy, inner])


# -- timing -------------------------------------------------------------------------------------

# Items of the disconnect stream: each is ITEM_BYTES long and starts with "item-NN".
STREAM_ITEMS = 15
STREAM_INTERVAL = 0.1
ITEM_BYTES = 100


class SlowStream(object):
    """An item every STREAM_INTERVAL seconds; records each item pulled, the end, and close()."""

    def __init__(self, rec):
        self.rec, self.closed = rec, 0

    def __iter__(self):
        for i in range(STREAM_ITEMS):
            if i:
                time.sleep(STREAM_INTERVAL)
            self.rec.emit('item-pulled', index=i, afterClose=self.closed > 0)
            yield (b'item-%02d ' % i).ljust(ITEM_BYTES - 1, b'.') + b'\n'
        self.rec.emit('exhausted')

    def close(self):
        self.closed += 1
        self.rec.emit('close', count=self.closed)


def slow_stream_scenario(environ, start_response, rec):
    """close-on-disconnect: the client reads item 0 and leaves; close() must still come."""
    start_response('200 OK', [TEXT])
    return SlowStream(rec)


TIMING_SLEEP = 0.6


def two_chunks_scenario(environ, start_response, rec):
    """body-unbuffered / body-no-delay: a first chunk, TIMING_SLEEP seconds, a second chunk."""
    first, second = b'first-chunk\n', b'second-chunk\n'
    start_response('200 OK', [TEXT, ('Content-Length', str(len(first) + len(second)))])

    def body():
        rec.emit('yield', index=0)
        yield first
        rec.emit('resumed', index=1)
        time.sleep(TIMING_SLEEP)
        rec.emit('yield', index=1)
        yield second
    return body()


def late_body_scenario(environ, start_response, rec):
    """start-response-defer-headers: start_response (a non-zero Content-Length), then
    TIMING_SLEEP seconds before the first non-empty chunk. With X-Probe-Empty-First: 1 the
    iterable yields b'' right away, which must not send the headers either."""
    chunk = b'the-body-chunk\n'
    empty_first = header(environ, 'HTTP_X_PROBE_EMPTY_FIRST') == '1'
    start_response('200 OK', [TEXT, ('Content-Length', str(len(chunk)))])

    def body():
        if empty_first:
            rec.emit('yield', index=0, empty=True)
            yield b''
        time.sleep(TIMING_SLEEP)
        rec.emit('yield', index=1 if empty_first else 0)
        yield chunk
    return body()


def address_scenario(environ, start_response, rec):
    """Where the suite reached the server (for its own raw-socket requests)."""
    return answer(start_response, {'host': header(environ, 'HTTP_HOST', None),
                                   'serverName': get(environ, 'SERVER_NAME'),
                                   'serverPort': get(environ, 'SERVER_PORT')})


def facts_of_scenario(environ, start_response, rec):
    """The side-channel facts of request X-Probe-Of so far, read by the server itself (so the
    suite can poll them over HTTP), then a `read-at` fact: the probe's clock at reading time."""
    rid = header(environ, 'HTTP_X_PROBE_OF')
    path = os.path.join(os.path.dirname(rec.path), re.sub(r'[^A-Za-z0-9_.-]', '_', rid) + '.jsonl')
    facts = []
    try:
        with open(path, 'rb') as f:
            for line in f.read().decode('ascii', 'replace').splitlines():
                try:
                    facts.append(json.loads(line))
                except ValueError:
                    pass  # a line still being written
    except OSError:
        pass
    facts.append({'ev': 'read-at', 'pid': os.getpid(), 'thread': 0, 't': time.time()})
    body = json.dumps({'facts': facts}, ensure_ascii=True, default=safe_repr).encode('ascii')
    start_response('200 OK', headers(('Content-Length', str(len(body)))))
    return [body]


# -- exc_info references --------------------------------------------------------------------------

class ProbeError(Exception):
    """Instances take weak references (a plain Exception does not)."""


class Sentinel(object):
    pass


def _fail(refs):
    sentinel = Sentinel()  # referenced only by this frame, which only the traceback keeps
    refs.append(weakref.ref(sentinel))
    raise ProbeError('probe: error before any output, handled with start_response(..., exc_info)')


def _replace_with_exc_info(start_response):
    """start_response(..., exc_info) before anything was sent; returns weak references to the
    exception and to an object only its traceback keeps alive."""
    refs = []
    try:
        _fail(refs)
    except ProbeError as e:
        refs.insert(0, weakref.ref(e))
        start_response('500 Internal Server Error', headers(), sys.exc_info())
    return refs


_gc_lock = threading.Lock()


def exc_info_ref_scenario(environ, start_response, rec):
    """exc-info-no-lingering-ref: once start_response(..., exc_info) has returned and the
    application dropped its own references, nothing may keep the exception alive. The
    weak references are tested without gc.collect(), and with the collector paused so that
    an automatic collection cannot hide a reference cycle through the traceback, the very
    thing the PEP warns about."""
    start_response('200 OK', headers())
    with _gc_lock:
        enabled = gc.isenabled()
        gc.disable()
        try:
            try:
                exc_ref, sentinel_ref = _replace_with_exc_info(start_response)
            except Exception as e:
                obs = {'replaced': False, 'error': error_info(e)}
            else:
                obs = {'replaced': True, 'exceptionAlive': exc_ref() is not None,
                       'frameObjectAlive': sentinel_ref() is not None}
                if obs['exceptionAlive']:
                    obs['referrers'] = [type_name(r) for r in gc.get_referrers(exc_ref())][:10]
        finally:
            if enabled:
                gc.enable()
    rec.emit('exc-info-ref', **obs)
    body = json.dumps(obs, default=safe_repr).encode('ascii')
    return [body]


SCENARIOS = {
    'file-wrapper-api': file_wrapper_api_scenario,
    'file-wrapper-body': file_wrapper_body_scenario,
    'file-wrapper-position': file_wrapper_position_scenario,
    'file-wrapper-decoy': file_wrapper_decoy_scenario,
    'slow-stream': slow_stream_scenario,
    'two-chunks': two_chunks_scenario,
    'late-body': late_body_scenario,
    'address': address_scenario,
    'facts-of': facts_of_scenario,
    'exc-info-ref': exc_info_ref_scenario,
}

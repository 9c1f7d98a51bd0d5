/**
 * Before/after Python snippets for the `explain` output, keyed by rule id.
 * One entry per application-side rule that has a broken fixture in
 * fixtures/apps/broken/: `broken` shows the mistake in a few lines, `fixed`
 * the same code done right. Snippets are raw strings (String.raw), so Python
 * escapes such as '\r\n' appear exactly as they would in the source file.
 */

export interface Snippet {
  /** Minimal Python code that breaks the rule. */
  readonly broken: string;
  /** The same code, corrected. */
  readonly fixed: string;
}

export const snippets: Readonly<Record<string, Snippet>> = {
  'env-call-app-signature': {
    broken: String.raw`def application(environ):
    return [b'Hello']`,
    fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello']`,
  },
  'env-call-repeatable': {
    broken: String.raw`BODY = iter([b'Hello, ', b'world'])  # created once, at import

def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return BODY  # empty from the second request on`,
    fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello, ', b'world']  # a fresh body for every call`,
  },
  'env-call-no-introspection': {
    broken: String.raw`import inspect

def application(environ, start_response):
    if not inspect.isfunction(start_response):
        raise TypeError('start_response must be a function')
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello']`,
    fixed: String.raw`def application(environ, start_response):
    # any callable will do: just call it
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello']`,
  },
  'env-app-check-vars': {
    broken: String.raw`path = environ['PATH_INFO']          # KeyError when omitted
query = environ['QUERY_STRING']`,
    fixed: String.raw`path = environ.get('PATH_INFO', '') or '/'
query = environ.get('QUERY_STRING', '')`,
  },
  'env-run-once-no-assume': {
    broken: String.raw`def application(environ, start_response):
    body = CACHE['page']
    start_response('200 OK', [('Content-Type', 'text/html')])
    if environ['wsgi.run_once']:
        CACHE.clear()  # "the process exits after this request"
    return [body]`,
    fixed: String.raw`def application(environ, start_response):
    body = CACHE['page']
    start_response('200 OK', [('Content-Type', 'text/html')])
    # wsgi.run_once is only a hint: stay ready for another call
    return [body]`,
  },
  'exc-app-trap-own-errors': {
    broken: String.raw`def application(environ, start_response):
    body = render(environ)  # may raise; nothing catches it
    start_response('200 OK', [('Content-Type', 'text/html')])
    return [body]`,
    fixed: String.raw`def application(environ, start_response):
    try:
        body = render(environ)
    except Exception:
        start_response('500 Internal Server Error',
                       [('Content-Type', 'text/plain')], sys.exc_info())
        return [b'Sorry, something went wrong.']
    start_response('200 OK', [('Content-Type', 'text/html')])
    return [body]`,
  },
  'start-response-positional-call': {
    broken: String.raw`start_response(status='200 OK',
               response_headers=[('Content-Type', 'text/plain')])`,
    fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])`,
  },
  'start-response-before-body': {
    broken: String.raw`def application(environ, start_response):
    yield b'Hello, '
    start_response('200 OK', [('Content-Type', 'text/plain')])
    yield b'world'`,
    fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    yield b'Hello, '
    yield b'world'`,
  },
  'start-response-once': {
    broken: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])
# ... later ...
start_response('200 OK', [('Content-Type', 'text/plain'),
                          ('Content-Length', str(len(body)))])`,
    fixed: String.raw`headers = [('Content-Type', 'text/plain'),
           ('Content-Length', str(len(body)))]
start_response('200 OK', headers)  # once, with every header`,
  },
  'status-native-str': {
    broken: String.raw`start_response(b'200 OK', headers)   # or start_response(200, headers)`,
    fixed: String.raw`start_response('200 OK', headers)`,
  },
  'status-format': {
    broken: String.raw`start_response('200  OK', headers)   # two spaces; also 'OK 200', ' 200 OK'`,
    fixed: String.raw`start_response('200 OK', headers)    # code, one space, reason phrase`,
  },
  'status-code-only': {
    broken: String.raw`start_response('200', headers)   # the bare code`,
    fixed: String.raw`start_response('200 OK', headers)  # http.HTTPStatus(200).phrase gives 'OK'`,
  },
  'status-no-control-chars': {
    broken: String.raw`start_response('200 OK\r\n', headers)`,
    fixed: String.raw`start_response('200 OK', headers)  # the server writes the line ending`,
  },
  'status-latin1': {
    broken: String.raw`start_response('200 \u00c7a va \u2713', headers)  # U+2713 is not Latin-1`,
    fixed: String.raw`start_response('200 OK', headers)  # keep status text within Latin-1 (ASCII is safest)`,
  },
  'headers-list-type': {
    broken: String.raw`headers = (('Content-Type', 'text/plain'),)   # a tuple
headers = {'Content-Type': 'text/plain'}      # a dict
start_response('200 OK', headers)`,
    fixed: String.raw`headers = [('Content-Type', 'text/plain')]   # exactly a list
start_response('200 OK', headers)`,
  },
  'headers-tuple-items': {
    broken: String.raw`start_response('200 OK', [['Content-Type', 'text/plain']])`,
    fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])`,
  },
  'headers-str-types': {
    broken: String.raw`start_response('200 OK', [('Content-Type', b'text/plain'),
                          ('Content-Length', len(body))])`,
    fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain'),
                          ('Content-Length', str(len(body)))])`,
  },
  'headers-name-token': {
    broken: String.raw`headers.append(('X-Greeting:', 'hello'))   # or 'Content Type'`,
    fixed: String.raw`headers.append(('X-Greeting', 'hello'))    # a bare token, no colon`,
  },
  'headers-value-no-ctl': {
    broken: String.raw`headers.append(('X-Note', 'first line\nsecond line'))`,
    fixed: String.raw`headers.append(('X-Note', 'first line; second line'))`,
  },
  'headers-latin1': {
    broken: String.raw`headers.append(('X-Price', '5 \u20ac'))   # the euro sign is not Latin-1`,
    fixed: String.raw`headers.append(('X-Price', '5 EUR'))
# or RFC 8187 / RFC 2047 encoding, e.g. for Content-Disposition:
headers.append(('Content-Disposition', "attachment; filename*=UTF-8''%E2%82%AC.txt"))`,
  },
  'headers-no-hop-by-hop': {
    broken: String.raw`headers.append(('Connection', 'keep-alive'))`,
    fixed: String.raw`# leave Connection, Keep-Alive, Transfer-Encoding, Upgrade, TE, Trailer
# and Proxy-* headers to the server`,
  },
  'exc-info-tuple': {
    broken: String.raw`except Exception as exc:
    start_response('500 Internal Server Error', headers, exc)   # or True`,
    fixed: String.raw`except Exception:
    start_response('500 Internal Server Error', headers, sys.exc_info())`,
  },
  'exc-info-only-in-error-handler': {
    broken: String.raw`try:
    warm_cache()
except LookupError:
    saved = sys.exc_info()
start_response('200 OK', headers, saved)   # normal path, not an error handler`,
    fixed: String.raw`try:
    warm_cache()
except LookupError:
    environ['wsgi.errors'].write('cache unavailable\n')   # log it instead
start_response('200 OK', headers)`,
  },
  'exc-info-app-no-trap': {
    broken: String.raw`except ValueError:
    try:
        start_response('500 Internal Server Error', headers, sys.exc_info())
    except Exception:
        pass   # swallows the error start_response re-raised
    yield b'An error occurred.'`,
    fixed: String.raw`except ValueError:
    # if the headers were already sent this raises: let it propagate
    start_response('500 Internal Server Error', headers, sys.exc_info())
    yield b'An error occurred.'`,
  },
  'body-iterable': {
    broken: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return b'Hello'   # bare bytes (iterating gives ints), a str, or None`,
    fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello']`,
  },
  'body-items-bytes': {
    broken: String.raw`return [b'Hello, ', 'world']`,
    fixed: String.raw`return [b'Hello, ', 'world'.encode('utf-8')]`,
  },
  'body-app-content-length-accurate': {
    broken: String.raw`text = 'Café au lait'
start_response('200 OK', [('Content-Type', 'text/plain; charset=utf-8'),
                          ('Content-Length', str(len(text)))])   # 11 characters
return [text.encode('utf-8')]                                    # 12 bytes`,
    fixed: String.raw`body = 'Café au lait'.encode('utf-8')
start_response('200 OK', [('Content-Type', 'text/plain; charset=utf-8'),
                          ('Content-Length', str(len(body)))])
return [body]`,
  },
  'body-len-accurate': {
    broken: String.raw`class Body:
    def __iter__(self):
        return iter([b'Hello, ', b'world'])
    def __len__(self):
        return 5   # there are 2 items`,
    fixed: String.raw`class Body:
    def __init__(self):
        self.chunks = [b'Hello, ', b'world']
    def __iter__(self):
        return iter(self.chunks)
    def __len__(self):
        return len(self.chunks)   # or define no __len__ at all`,
  },
  'body-may-be-closed-early': {
    broken: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    try:
        yield b'part one'
        yield b'part two'
    except GeneratorExit:
        yield b'interrupted'   # close() then raises RuntimeError`,
    fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    try:
        yield b'part one'
        yield b'part two'
    finally:
        release_resources()   # clean up, but never yield here`,
  },
  'body-app-no-transfer-encoding': {
    broken: String.raw`start_response('200 OK', [('Content-Type', 'text/plain'),
                          ('Transfer-Encoding', 'chunked')])
return [b'5\r\nHello\r\n', b'0\r\n\r\n']`,
    fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])
return [b'Hello']   # the server chooses the framing`,
  },
  'input-app-respect-content-length': {
    broken: String.raw`data = environ['wsgi.input'].read(1024)`,
    fixed: String.raw`try:
    length = int(environ.get('CONTENT_LENGTH') or 0)
except ValueError:
    length = 0
data = environ['wsgi.input'].read(length) if length > 0 else b''`,
  },
  'input-app-listed-methods-only': {
    broken: String.raw`stream = environ['wsgi.input']
data = stream.read(length)
stream.seek(0)   # also tell(), fileno(), readinto(), .closed, .name ...`,
    fixed: String.raw`data = environ['wsgi.input'].read(length)
# keep the bytes; wrap them in io.BytesIO(data) if you need to re-read`,
  },
  'input-app-no-close': {
    broken: String.raw`data = environ['wsgi.input'].read(length)
environ['wsgi.input'].close()`,
    fixed: String.raw`data = environ['wsgi.input'].read(length)
# never close wsgi.input or wsgi.errors: the server owns them`,
  },
  'errors-app-writes-str': {
    broken: String.raw`environ['wsgi.errors'].write(b'request handled\n')`,
    fixed: String.raw`environ['wsgi.errors'].write('request handled\n')`,
  },
  'write-arg-bytes': {
    broken: String.raw`write = start_response('200 OK', headers)
write('Hello')
return []`,
    fixed: String.raw`write = start_response('200 OK', headers)
write(b'Hello')
return []`,
  },
  'write-still-return-iterable': {
    broken: String.raw`def application(environ, start_response):
    write = start_response('200 OK', [('Content-Type', 'text/plain')])
    write(b'Hello')
    # falls off the end: returns None`,
    fixed: String.raw`def application(environ, start_response):
    write = start_response('200 OK', [('Content-Type', 'text/plain')])
    write(b'Hello')
    return []`,
  },
  'write-not-inside-iterable': {
    broken: String.raw`write = start_response('200 OK', headers)

def body():
    write(b'Hello, ')   # called while the server iterates
    yield b'world'

return body()`,
    fixed: String.raw`start_response('200 OK', [('Content-Type', 'text/plain')])  # no stale Content-Length

def body():
    yield b'Hello, '
    yield b'world'

return body()`,
  },
  'write-discouraged': {
    broken: String.raw`write = start_response('200 OK', headers)
write(b'Hello')
return []`,
    fixed: String.raw`start_response('200 OK', headers)
return [b'Hello']`,
  },
  'file-wrapper-filelike-read': {
    broken: String.raw`wrapper = environ.get('wsgi.file_wrapper')
if wrapper is not None:
    return wrapper([b'Hello, ', b'world'])   # a list has no read()`,
    fixed: String.raw`f = open(path, 'rb')   # or io.BytesIO(data): has read(size)
wrapper = environ.get('wsgi.file_wrapper')
if wrapper is not None:
    return wrapper(f, 8192)
return iter(lambda: f.read(8192), b'')   # (a class with close() is better: it can close f)`,
  },
  'middleware-adjust-content-length': {
    broken: String.raw`def gzip_start_response(status, headers, exc_info=None):
    # Content-Length still counts the uncompressed body
    return start_response(status, headers + [('Content-Encoding', 'gzip')], exc_info)`,
    fixed: String.raw`def gzip_start_response(status, headers, exc_info=None):
    headers = [(n, v) for n, v in headers if n.lower() != 'content-length']
    return start_response(status, headers + [('Content-Encoding', 'gzip')], exc_info)`,
  },
  'middleware-return-promptly': {
    broken: String.raw`def wrapped(environ, start_response):
    body = app(environ, start_response)
    return [b''.join(body).upper()]  # the whole body, inside __call__`,
    fixed: String.raw`def wrapped(environ, start_response):
    return upper(app(environ, start_response))

def upper(body):  # a generator: runs only as the server pulls
    try:
        for chunk in body:
            yield chunk.upper()
    finally:
        if hasattr(body, 'close'):
            body.close()`,
  },
  'close-called': {
    broken: String.raw`class Timed:  # a middleware's wrapper around the app's iterable
    def __init__(self, body):
        self.body = iter(body)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self.body)`,
    fixed: String.raw`class Timed:
    def __init__(self, body):
        self.inner, self.body = body, iter(body)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self.body)
    def close(self):  # the server calls this; pass it on
        if hasattr(self.inner, 'close'):
            self.inner.close()`,
  },
};

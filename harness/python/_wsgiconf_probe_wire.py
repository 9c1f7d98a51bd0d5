"""Probe scenario for the wire suite: answer exactly as the request's X-Probe-Spec says.

The spec is JSON, so the suite's cases are data: status, headers, body items (latin-1 text
standing for bytes), write() calls, a sleep, and what to echo. The application does what a
plain WSGI application does, and nothing about HTTP itself: it answers HEAD like GET and
leaves framing, Date and the connection to the server, which is what the wire suite judges.

    {"status": "200 OK", "headers": [["X-A", "1"]], "items": ["a", "", "b"],
     "writes": ["w"], "sleepMs": 800, "iterable": "generator" | "list",
     "length": true,           # add Content-Length: the length of the items
     "echo": "body" | "environ",  # the items are replaced by JSON of what the app saw
     "readSize": 11,           # echo body: read(11), whatever CONTENT_LENGTH says
     "readTwice": true}        # ... and read(11) again (a decoded chunked body ends there)
"""
import json
import time

from _wsgiconf_probe_read import get, header, text

ENVIRON_KEYS = ('REQUEST_METHOD', 'SCRIPT_NAME', 'PATH_INFO', 'QUERY_STRING', 'SERVER_PROTOCOL',
                'CONTENT_LENGTH', 'CONTENT_TYPE')


def _read_body(environ, size, twice):
    stream = get(environ, 'wsgi.input')
    if size:
        # Twice: a server that decoded a chunked body reaches its end (last chunk, trailers)
        # and returns b''; one that passes the raw stream returns more bytes, without blocking.
        return stream.read(size) + (stream.read(size) if twice else b'')
    length = text(get(environ, 'CONTENT_LENGTH'))
    return stream.read(int(length)) if length.isdigit() else b''


def _environ(environ):
    # Values as text: their types are the environ scenario's to judge (env-cgi-str), the
    # wire cases judge what they say.
    seen = dict((k, text(environ[k], None)) for k in ENVIRON_KEYS if k in environ)
    seen.update((k, text(v, None)) for k, v in environ.items()
                if isinstance(k, str) and k.startswith('HTTP_') and text(v, None) is not None)
    return seen


def _generate(items):
    for item in items:
        yield item


def respond_scenario(environ, start_response, rec):
    try:
        spec = json.loads(header(environ, 'HTTP_X_PROBE_SPEC') or '{}')
    except ValueError:
        spec = {}  # a server that garbled the header: answer plainly, the observation shows it
    seq = header(environ, 'HTTP_X_PROBE_SEQ')
    headers = [(str(n), str(v)) for n, v in spec.get('headers', [])]
    items = [s.encode('latin-1') for s in spec.get('items', [])]
    echo = spec.get('echo')
    obs = {'seq': seq, 'method': text(get(environ, 'REQUEST_METHOD'), None)}
    if echo == 'body':
        obs['body'] = _read_body(environ, spec.get('readSize'), spec.get('readTwice')).decode('latin-1')
    elif echo == 'environ':
        obs['environ'] = _environ(environ)
    rec.emit('respond', **obs)
    if echo:
        items = [json.dumps(obs, ensure_ascii=True).encode('ascii')]
        headers.append(('Content-Type', 'application/json'))
    if spec.get('length') or echo:
        headers.append(('Content-Length', str(sum(len(i) for i in items))))
    write = start_response(spec.get('status', '200 OK'), headers)
    if spec.get('writes') and not callable(write):
        # start-response-returns-write reports it; the marker lets write() cases skip, saying so.
        rec.emit('no-write-callable', seq=seq, returned=type(write).__name__)
        return [NO_WRITE_MARKER]
    for data in spec.get('writes', []):
        write(data.encode('latin-1'))
    if spec.get('sleepMs'):
        time.sleep(spec['sleepMs'] / 1000.0)
    rec.emit('returning', seq=seq)
    return items if spec.get('iterable') == 'list' else _generate(items)


NO_WRITE_MARKER = b'no-write-callable\n'

SCENARIOS = {
    'respond': respond_scenario,
}

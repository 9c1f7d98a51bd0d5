"""wsgi-conformance in-process runner (protocol v1, stdlib only, Python 3.8+).

Imports a WSGI application and calls it as a strict, instrumented gateway. Commands arrive
as JSON lines on fd 3 (--in-fd), events leave as JSON lines on fd 4 (--out-fd): never stdout
or stderr, which belong to the application. The TypeScript side judges; this file only
records, with exact Python types, what the application did.
"""
import json
import os
import sys
import time

PROTOCOL = 1
ITEM_EVENTS = 200          # item events per call; later items are only counted
MAX_ITEMS = 100000         # an iterable longer than this is treated as endless
MAX_BYTES = 64 * 1024 * 1024


# ---------------------------------------------------------------- transport

class Channel(object):
    def __init__(self, in_fd, out_fd):
        for fd in (in_fd, out_fd):
            try:
                os.set_inheritable(fd, False)  # children of the app must not hold our pipe
            except OSError:
                pass
        self.inp = os.fdopen(in_fd, 'rb', 0)
        self.out = os.fdopen(out_fd, 'wb', 65536)

    def emit(self, event):
        self.out.write(json.dumps(event, ensure_ascii=True, separators=(',', ':')).encode('ascii') + b'\n')

    def flush(self):
        self.out.flush()

    def commands(self):
        buf = b''
        while True:
            chunk = self.inp.read(65536)
            if not chunk:
                return
            buf += chunk
            while b'\n' in buf:
                line, buf = buf.split(b'\n', 1)
                if line.strip():
                    yield json.loads(line.decode('utf-8'))


# Sibling modules (sys.path[0] is this folder); then drop the folder so the
# application cannot import our files by accident.
from _wsgiconf_gateway import Gateway  # noqa: E402
from _wsgiconf_links import Collector  # noqa: E402
from _wsgiconf_loader import load_target  # noqa: E402
from _wsgiconf_middleware import MiddlewareHost, load_middleware  # noqa: E402
from _wsgiconf_locations import Locator, default_root  # noqa: E402
from _wsgiconf_values import describe, error_info  # noqa: E402
if sys.path and os.path.abspath(sys.path[0] or '.') == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]


def main(argv):
    in_fd, out_fd = 3, 4
    args = list(argv)
    if '--in-fd' in args:
        in_fd = int(args[args.index('--in-fd') + 1])
    if '--out-fd' in args:
        out_fd = int(args[args.index('--out-fd') + 1])
    ch = Channel(in_fd, out_fd)
    ch.emit({'type': 'hello', 'protocol': PROTOCOL, 'python': {
        'version': '%d.%d.%d' % sys.version_info[:3],
        'implementation': sys.implementation.name,
        'executable': sys.executable or '',
    }})
    ch.flush()
    app = locator = None
    for cmd in ch.commands():
        op = cmd.get('op')
        if op == 'exit':
            break
        if op == 'load':
            app, event = load_target(cmd['target'], cmd['cwd'], describe, error_info)
            if app is not None:
                locator = Locator(cmd.get('sourceRoot') or default_root(cmd['target'], cmd['cwd']))
                locator.set_app(app)
                event['sourceRoot'] = locator.root
            ch.emit(event)
        elif op == 'load-middleware':
            app, event = load_middleware(cmd, load_target, describe, error_info)
            ch.emit(event)
        elif op == 'call':
            ch.emit({'type': 'call-begin', 'id': cmd['id']})
            ch.flush()  # if the app kills us, the harness knows which call did it
            started = time.perf_counter()
            called = app.for_call(cmd['id'], cmd['scenario'], ch.emit) if isinstance(app, MiddlewareHost) else app
            gw = Gateway(called, cmd['id'], cmd['scenario'], ch.emit, describe, error_info, {
                'ITEM_EVENTS': ITEM_EVENTS, 'MAX_ITEMS': MAX_ITEMS, 'MAX_BYTES': MAX_BYTES,
            })
            gw.locator = locator
            links = Collector(gw) if cmd['scenario'].get('links') else None
            if locator is not None:
                locator.start()
            try:
                gw.run()
            except BaseException as e:  # e.g. a result whose __getattr__ raises on 'close'
                gw.exception(e)
            finally:
                if locator is not None:
                    locator.stop()
            if links is not None:
                ch.emit({'type': 'links', 'id': cmd['id'], 'links': links.links()})
            ch.emit({'type': 'call-end', 'id': cmd['id'],
                     'ms': round((time.perf_counter() - started) * 1000, 3)})
        ch.flush()
    ch.flush()


if __name__ == '__main__':
    main(sys.argv[1:])

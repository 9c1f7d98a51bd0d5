"""wsgi-conformance in-process runner (protocol v1, stdlib only, Python 3.8+).

Imports a WSGI application and calls it as a strict, instrumented gateway. Commands arrive
as JSON lines on fd 3 (--in-fd), events leave as JSON lines on fd 4 (--out-fd): never stdout
or stderr, which belong to the application. Under Pyodide, serve_callback() takes the place
of the pipes (_wsgiconf_transport.py). The TypeScript side judges; this file only
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


# Sibling modules (sys.path[0] is this folder); then drop the folder so the
# application cannot import our files by accident.
from _wsgiconf_gateway import Gateway  # noqa: E402
from _wsgiconf_links import Collector  # noqa: E402
from _wsgiconf_transport import CallbackChannel, PipeChannel  # noqa: E402
from _wsgiconf_loader import load_target  # noqa: E402
from _wsgiconf_middleware import MiddlewareHost, load_middleware  # noqa: E402
from _wsgiconf_locations import Locator, default_root  # noqa: E402
from _wsgiconf_values import describe, error_info  # noqa: E402
if sys.path and os.path.abspath(sys.path[0] or '.') == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]


def hello(executable=None):
    return {'type': 'hello', 'protocol': PROTOCOL, 'python': {
        'version': '%d.%d.%d' % sys.version_info[:3],
        'implementation': sys.implementation.name,
        'executable': (sys.executable or '') if executable is None else executable,
    }}


class Session(object):
    """The command loop's state: the loaded application. handle() runs one command."""

    def __init__(self, ch):
        self.ch = ch
        self.app = self.locator = None

    def handle(self, cmd):
        """Runs one command; False once the harness asked the runner to exit."""
        ch = self.ch
        op = cmd.get('op')
        if op == 'exit':
            return False
        if op == 'load':
            self.app, event = load_target(cmd['target'], cmd['cwd'], describe, error_info)
            self.locator = None
            if self.app is not None:
                self.locator = Locator(cmd.get('sourceRoot') or default_root(cmd['target'], cmd['cwd']))
                self.locator.set_app(self.app)
                event['sourceRoot'] = self.locator.root
            ch.emit(event)
        elif op == 'load-middleware':
            self.app, event = load_middleware(cmd, load_target, describe, error_info)
            self.locator = None
            if self.app is not None:
                self.locator = self.app.locator = Locator(
                    cmd.get('sourceRoot') or default_root(cmd['target'], cmd['cwd']))
                self.locator.set_app(self.app.build('plain'))
                event['sourceRoot'] = self.locator.root
            ch.emit(event)
        elif op == 'call':
            ch.emit({'type': 'call-begin', 'id': cmd['id']})
            ch.flush()  # if the app kills us, the harness knows which call did it
            started = time.perf_counter()
            app, locator = self.app, self.locator
            called = app.for_call(cmd['id'], cmd['scenario'], ch.emit) if isinstance(app, MiddlewareHost) else app
            gw = Gateway(called, cmd['id'], cmd['scenario'], ch.emit, describe, error_info, {
                'ITEM_EVENTS': ITEM_EVENTS, 'MAX_ITEMS': MAX_ITEMS, 'MAX_BYTES': MAX_BYTES,
                'CAP_AT': started + cmd['capMs'] / 1000.0 if cmd.get('capMs') else None,
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
        return True


def main(argv):
    in_fd, out_fd = 3, 4
    args = list(argv)
    if '--in-fd' in args:
        in_fd = int(args[args.index('--in-fd') + 1])
    if '--out-fd' in args:
        out_fd = int(args[args.index('--out-fd') + 1])
    ch = PipeChannel(in_fd, out_fd)
    ch.emit(hello())
    ch.flush()
    session = Session(ch)
    for cmd in ch.commands():
        if not session.handle(cmd):
            break
    ch.flush()


def serve_callback(send, executable=None):
    """For hosts without pipes (Pyodide): says hello through `send` and returns a function
    that takes one command as a JSON line and returns False once told to exit."""
    ch = CallbackChannel(send)
    ch.emit(hello(executable))
    session = Session(ch)
    return lambda line: session.handle(json.loads(line))


if __name__ == '__main__':
    main(sys.argv[1:])

"""Where in the application's own code a recorded event came from.

A finding is only useful to a developer with the line that caused it. The gateway asks the
Locator for the position of each judged event: the innermost frame of the user's code on the
stack (the statement that called start_response(), write(), wsgi.input.read()...), or, when
the user's code is no longer on the stack (a framework calls start_response() after the view
returned; the gateway pulls the next item out of a generator), the last place the user's
code returned or yielded from, which a profile hook keeps up to date during the call.
"""
import linecache
import os
import sys
import sysconfig

_HERE = os.path.dirname(os.path.abspath(__file__))
_VENDOR = ('site-packages', 'dist-packages')
# Events a finding can point at; 'call-begin' and friends carry no position.
LOCATED = frozenset(['start-response', 'write', 'return', 'item', 'len', 'input', 'errors',
                     'stream-misuse', 'file-wrapper', 'exception', 'close'])
# Positions that come from the last user return/yield rather than from the stack.
_FROM_RETURN = frozenset(['return', 'item', 'len', 'close'])
# A middleware run's inner events. The middleware's code that called into the inner
# application is on the stack; a callable the middleware handed the inner application
# (start_response, write, wsgi.input, the file wrapper) has returned by the time its result
# is recorded, so its position is the last user return.
INNER_FROM_STACK = frozenset(['inner-call', 'inner-next', 'inner-close'])
INNER_FROM_RETURN = frozenset(['inner-start-response', 'inner-write', 'inner-input', 'inner-file-wrapper'])


def _stdlib_dirs():
    dirs = set()
    for key in ('stdlib', 'platstdlib'):
        try:
            dirs.add(os.path.realpath(sysconfig.get_paths()[key]))
        except (KeyError, OSError):
            pass
    dirs.add(os.path.realpath(os.path.dirname(os.__file__)))
    return tuple(d + os.sep for d in dirs)


def default_root(target, cwd):
    """The target's folder: that of path/to/file.py, or of the module's (package's) file."""
    base = target.split(':', 1)[0] if ':' in target else target
    path = os.path.join(cwd, base)
    if base.endswith('.py') or os.path.isfile(path):
        return os.path.dirname(os.path.abspath(path))
    module = sys.modules.get(base)
    filename = getattr(module, '__file__', None)
    return os.path.dirname(os.path.abspath(filename)) if filename else os.path.abspath(cwd)


class Locator(object):
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self._prefix = self.root.rstrip(os.sep) + os.sep
        self._vendored_root = any(part in _VENDOR for part in self.root.split(os.sep))
        self._stdlib = _stdlib_dirs()
        self._cache = {}
        self._positions = {}
        self.last = None  # (filename, line) of the last user return or yield
        self.definition = None  # (filename, line) where the application callable is defined

    def set_app(self, app):
        """Remembers where the application is defined: a call that fails at the call site
        (a wrong signature) has no frame of the application's own to point at."""
        candidates = (app, getattr(app, '__init__', None), getattr(type(app), '__call__', None))
        for obj in candidates:
            code = getattr(obj, '__code__', None)
            if code is not None and self.is_user(code.co_filename):
                self.definition = (code.co_filename, code.co_firstlineno)
                return

    def is_user(self, filename):
        known = self._cache.get(filename)
        if known is not None:
            return known
        real = os.path.realpath(filename) if filename and not filename.startswith('<') else ''
        ok = bool(real) and real.startswith(self._prefix) and not real.startswith(_HERE + os.sep)
        if ok and not any(real.startswith(d) for d in self._stdlib if not self.root.startswith(d)):
            # A virtualenv inside the project is not the project's code, unless the project
            # itself lives there (an installed package certified as module:callable).
            rel_parts = real[len(self._prefix):].split(os.sep)
            ok = self._vendored_root or not any(p in _VENDOR for p in rel_parts)
        else:
            ok = False
        self._cache[filename] = ok
        return ok

    # ------------------------------------------------------------ profile hook

    def _profile(self, frame, event, arg):
        if event == 'return':
            code = frame.f_code
            if self.is_user(code.co_filename):
                self.last = (code.co_filename, frame.f_lineno)

    def start(self):
        self.last = None
        sys.setprofile(self._profile)

    def stop(self):
        sys.setprofile(None)

    # ------------------------------------------------------------ positions

    def position(self, filename, line):
        """{'file', 'line', 'code'} of a user line; kept per line, since resolving the path
        (realpath: a stat per component) on every event is most of a call's cost."""
        key = (filename, line)
        at = self._positions.get(key)
        if at is None:
            rel = os.path.relpath(os.path.realpath(filename), self.root).replace(os.sep, '/')
            text = linecache.getline(filename, line).strip()
            at = {'file': rel, 'line': line}
            if text:
                at['code'] = text[:200]
            self._positions[key] = at
        return dict(at)

    def _stack(self):
        frame = sys._getframe(1)
        while frame is not None:
            if self.is_user(frame.f_code.co_filename):
                return frame.f_code.co_filename, frame.f_lineno
            frame = frame.f_back
        return None

    def _traceback(self):
        tb = sys.exc_info()[2]
        found = None
        while tb is not None:
            if self.is_user(tb.tb_frame.f_code.co_filename):
                found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
            tb = tb.tb_next
        return found

    def annotate(self, event):
        kind = event.get('type')
        if kind in INNER_FROM_STACK or kind in INNER_FROM_RETURN:
            self.annotate_inner(event, kind)
            return
        if kind not in LOCATED:
            return
        if kind == 'exception':
            where = self._traceback() or self.last or self.definition
        elif kind in _FROM_RETURN:
            where = self.last
        else:
            where = self._stack() or self.last
        if where is not None:
            event['at'] = self.position(*where)

    def annotate_inner(self, event, kind):
        if event.get('error') or event.get('raised'):
            where = self._traceback() or self._stack()
        elif kind in INNER_FROM_STACK:
            where = self._stack()
        else:
            where = self.last or self._stack()
        if where is not None:
            event['at'] = self.position(*where)

"""Finds the WSGI callable a target names, without binding a port or blocking.

Targets: `module:callable`, `module` (its `application`), `path/to/file.py[:callable]`,
and tutorial scripts that call wsgiref.simple_server.make_server(host, port, app)
.serve_forever() at import time: make_server is patched so the app is captured instead.
"""
import importlib
import importlib.machinery
import importlib.util
import os
import re
import sys
import wsgiref.simple_server

DEFAULT_NAME = 'application'  # what mod_wsgi and gunicorn look for


class _Captured(BaseException):
    """Stops a tutorial script at serve_forever(); BaseException so `except Exception` in it won't eat it."""


class _FakeServer(object):
    def __init__(self, host, port, app):
        self.application = app
        self.server_address = (host, port)
        self.server_name = host or 'localhost'
        self.server_port = port

    def get_app(self):
        return self.application

    def serve_forever(self, *a, **kw):
        raise _Captured()

    handle_request = serve_forever

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def shutdown(self):
        pass

    def server_close(self):
        pass


def _patch_make_server(captured):
    def make_server(host, port, app, *args, **kwargs):
        captured.append(app)
        return _FakeServer(host, port, app)
    wsgiref.simple_server.make_server = make_server


def _split(target, cwd):
    """(file_or_module, attribute or None, is_file). `pkg.wsgi:application` is a module
    (Django's layout) unless a file of that name exists; `x.py` and paths are files."""
    base, sep, attr = target.rpartition(':')
    if not sep or not base or not re.match(r'^[A-Za-z_][\w.]*$', attr):
        base, attr = target, None
    is_file = (base.endswith('.py') or os.sep in base
               or os.path.isfile(os.path.join(cwd, base)))
    return base, attr, is_file


def _module_name(path):
    stem = os.path.splitext(os.path.basename(path))[0]
    return stem if re.match(r'^[A-Za-z_]\w*$', stem) and stem not in sys.modules else '__wsgi_target__'


def _import_file(path, name):
    sys.path.insert(0, os.path.dirname(path))
    loader = importlib.machinery.SourceFileLoader(name, path)
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    module.__file__ = path
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def load_target(target, cwd, describe, error_info):
    """Returns (app or None, event)."""
    base, attr, is_file = _split(target, cwd)
    path = os.path.abspath(os.path.join(cwd, base)) if is_file else None
    if is_file and not os.path.isfile(path):
        return None, {'type': 'load-error', 'stage': 'resolve',
                      'message': 'no such file: %s' % path}
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    captured = []
    _patch_make_server(captured)
    name = _module_name(path) if is_file else base
    try:
        module = _import_file(path, name) if is_file else importlib.import_module(base)
    except _Captured:
        module = sys.modules.get(name)
    except BaseException as e:  # SystemExit and KeyboardInterrupt in a target are load errors too
        event = {'type': 'load-error', 'stage': 'import', 'error': error_info(e),
                 'message': 'importing %s raised %s: %s' % (base, type(e).__name__, e)}
        if isinstance(e, ModuleNotFoundError) and e.name:
            event['missingModule'] = e.name.split('.')[0]
        return None, event
    if captured and (attr is None or module is None):
        return captured[-1], {'type': 'loaded', 'target': target, 'via': 'make_server',
                              'name': 'make_server(..., app)', 'callable': describe(captured[-1])}
    name = attr or DEFAULT_NAME
    app = _lookup(module, name)
    if app is not None:
        if not callable(app):
            return None, {'type': 'load-error', 'stage': 'lookup',
                          'message': '%s.%s is %s, not a callable' % (base, name, type(app).__name__)}
        return app, {'type': 'loaded', 'target': target, 'via': 'attribute',
                     'name': name, 'callable': describe(app)}
    message = '%s defines no %r' % (base, name)
    if not attr:
        others = [n for n in ('app', 'wsgi_app', 'api') if callable(getattr(module, n, None))]
        message += (' and calls no wsgiref make_server(); '
                    + ('it has a callable %r: run with %s:%s' % (others[0], target, others[0]) if others
                       else 'name the callable as TARGET:NAME'))
    return None, {'type': 'load-error', 'stage': 'lookup', 'message': message}


def _lookup(module, dotted):
    obj = module
    for part in dotted.split('.'):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj

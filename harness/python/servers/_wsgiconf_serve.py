"""Shared by the serve_<name>.py adapters: read HOST PORT MODULE:CALLABLE and import the app.

Stdlib only, Python 3.8+. Readiness is a TCP connect, so nothing here prints.
"""
import importlib
import sys


def load_args():
    """(host, port, application) from the command line; exit 2 with a usage line otherwise."""
    if len(sys.argv) != 4 or ':' not in sys.argv[3] or not sys.argv[2].isdigit():
        sys.stderr.write('usage: %s HOST PORT MODULE:CALLABLE\n' % sys.argv[0])
        sys.exit(2)
    host, port, spec = sys.argv[1:]
    module_name, _, name = spec.partition(':')
    app = importlib.import_module(module_name)
    for part in name.split('.'):
        app = getattr(app, part)
    return host, int(port), app

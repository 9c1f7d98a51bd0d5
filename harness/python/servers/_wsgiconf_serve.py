"""Shared by the serve_<name>.py adapters: read HOST PORT MODULE:CALLABLE [CERT KEY] and import the app.

With CERT and KEY (PEM files, the suite's --tls) the adapter terminates TLS itself with the
server's own TLS support; `tls_files()` gives them.

Stdlib only, Python 3.8+. Readiness is a TCP connect, so nothing here prints.
"""
import importlib
import sys


def load_args():
    """(host, port, application) from the command line; exit 2 with a usage line otherwise."""
    if len(sys.argv) not in (4, 6) or ':' not in sys.argv[3] or not sys.argv[2].isdigit():
        sys.stderr.write('usage: %s HOST PORT MODULE:CALLABLE [CERT KEY]\n' % sys.argv[0])
        sys.exit(2)
    host, port, spec = sys.argv[1:4]
    module_name, _, name = spec.partition(':')
    app = importlib.import_module(module_name)
    for part in name.split('.'):
        app = getattr(app, part)
    return host, int(port), app


def tls_files():
    """(certfile, keyfile) when the adapter was given them, else None (plain HTTP)."""
    return (sys.argv[4], sys.argv[5]) if len(sys.argv) == 6 else None


def tls_context():
    """A server-side ssl.SSLContext loaded with tls_files(), or None."""
    files = tls_files()
    if files is None:
        return None
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*files)
    return context

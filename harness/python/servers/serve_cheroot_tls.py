"""Serve MODULE:CALLABLE with cheroot over TLS: serve_cheroot_tls.py HOST PORT MODULE:CALLABLE CERT KEY.

Cheroot's CLI (the cheroot preset) has no TLS options; this is what it does with the
documented `ssl_adapter` added: cheroot.wsgi.Server with the stdlib BuiltinSSLAdapter.
"""
from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter

from _wsgiconf_serve import load_args, tls_files

host, port, app = load_args()
server = wsgi.Server((host, port), app)
tls = tls_files()
if tls:
    server.ssl_adapter = BuiltinSSLAdapter(tls[0], tls[1])
server.safe_start()

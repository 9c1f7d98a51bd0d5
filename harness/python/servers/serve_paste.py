"""Serve MODULE:CALLABLE with paste.httpserver: serve_paste.py HOST PORT MODULE:CALLABLE."""
from paste import httpserver

from _wsgiconf_serve import load_args, tls_files

host, port, app = load_args()
tls = tls_files()
context = None
if tls:
    # paste.httpserver terminates TLS with a pyOpenSSL context (its ssl_context argument).
    from OpenSSL import SSL
    context = SSL.Context(SSL.TLS_SERVER_METHOD)
    context.use_certificate_file(tls[0])
    context.use_privatekey_file(tls[1])
httpserver.serve(app, host=host, port=str(port), ssl_context=context)

"""Serve MODULE:CALLABLE with eventlet.wsgi: serve_eventlet.py HOST PORT MODULE:CALLABLE.

Monkey-patching first, as eventlet documents, so the application runs the way eventlet
deployments run it.
"""
import eventlet

eventlet.monkey_patch()

import eventlet.wsgi  # noqa: E402

from _wsgiconf_serve import load_args, tls_files  # noqa: E402

host, port, app = load_args()
listener = eventlet.listen((host, port))
tls = tls_files()
if tls:
    # eventlet's documented way to serve HTTPS: wrap the listening socket.
    listener = eventlet.wrap_ssl(listener, certfile=tls[0], keyfile=tls[1], server_side=True)
eventlet.wsgi.server(listener, app)

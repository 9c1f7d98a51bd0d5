"""Serve MODULE:CALLABLE with gevent.pywsgi: serve_gevent.py HOST PORT MODULE:CALLABLE.

gevent's documented first step is monkey-patching before anything imports socket or
threading, so the application runs the way gevent deployments run it.
"""
from gevent import monkey

monkey.patch_all()

from gevent.pywsgi import WSGIServer  # noqa: E402

from _wsgiconf_serve import load_args, tls_files  # noqa: E402

host, port, app = load_args()
tls = tls_files()
# With --tls: the certfile and keyfile arguments gevent documents for SSL servers.
WSGIServer((host, port), app, **({'certfile': tls[0], 'keyfile': tls[1]} if tls else {})).serve_forever()

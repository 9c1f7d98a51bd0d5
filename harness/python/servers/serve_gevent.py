"""Serve MODULE:CALLABLE with gevent.pywsgi: serve_gevent.py HOST PORT MODULE:CALLABLE.

gevent's documented first step is monkey-patching before anything imports socket or
threading, so the application runs the way gevent deployments run it.
"""
from gevent import monkey

monkey.patch_all()

from gevent.pywsgi import WSGIServer  # noqa: E402

from _wsgiconf_serve import load_args  # noqa: E402

host, port, app = load_args()
WSGIServer((host, port), app).serve_forever()

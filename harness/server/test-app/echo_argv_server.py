"""A server that tells what it was started with: echo_argv_server.py HOST PORT [ARG ...].

Every request gets JSON: the whole argv, the working directory and the environment
variables the launcher sets, so a test can check each placeholder and variable.
"""
import json
import os
import sys
from wsgiref.simple_server import make_server


def application(environ, start_response):
    body = json.dumps({
        'argv': sys.argv,
        'executable': sys.executable,
        'cwd': os.getcwd(),
        'env': {k: os.environ.get(k) for k in ('PYTHONPATH', 'PYTHONUNBUFFERED', 'WSGI_CONFORMANCE_PROBE_DIR')},
    }).encode()
    start_response('200 OK', [('Content-Type', 'application/json')])
    return [body]


make_server(sys.argv[1], int(sys.argv[2]), application).serve_forever()

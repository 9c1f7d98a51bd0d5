"""Stand-in for the probe in the launcher's tests: 200 text/plain b'hello'.

When WSGI_CONFORMANCE_PROBE_DIR is set, every request appends a line (pid, path) to
requests.log there, which proves the variable reached the worker that served it.
"""
import os


def application(environ, start_response):
    probe_dir = os.environ.get('WSGI_CONFORMANCE_PROBE_DIR')
    if probe_dir:
        with open(os.path.join(probe_dir, 'requests.log'), 'a') as log:
            log.write('%d %s\n' % (os.getpid(), environ.get('PATH_INFO', '')))
    body = b'hello'
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(body)))])
    return [body]

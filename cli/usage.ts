/** Usage errors end the run with exit code 2 and a message, never a stack trace. */
export class UsageError extends Error {}

export const USAGE = `wsgi-conformance: PEP 3333 (WSGI 1.0.1) conformance suite

Usage:
  wsgi-conformance app TARGET [options]   certify a WSGI application in-process
  wsgi-conformance server (--preset NAME | --cmd TEMPLATE | --url URL) [options]
                                          certify a WSGI server over HTTP, hosting the probe app
  wsgi-conformance gallery [options]      certify the bundled teaching examples (npm start)
  wsgi-conformance rules [--json]         list every rule and which case checks it
  wsgi-conformance explain RULE_ID        a rule, its PEP text, a broken and a fixed snippet

TARGET: path/to/file.py, path/to/file.py:callable, module:callable, or a script that
calls wsgiref.simple_server.make_server(host, port, app).serve_forever().

Server targets:
  --preset NAME         wsgiref, gunicorn, gunicorn-gthread, waitress, werkzeug, cheroot,
                        uwsgi, gevent, eventlet, twisted, tornado, paste, mod_wsgi
  --cmd TEMPLATE        a command line with {host} {port} {app} (probe module:callable,
                        its folder on PYTHONPATH) {app_file} {python}
  --url URL             a server already running and hosting harness/python/probe.py

Options:
  --python EXE          interpreter that imports the target (default: the first of
                        python3, /usr/bin/python3, python that can import it)
  --only ID             run only this case or rule id (repeatable, or comma-separated)
  --strict              SHOULD failures (warnings) fail the run too
  --reporter LIST       console,json (default console)
  --out DIR             write report.json (and other files) into DIR
  --timeout MS          per call (app) or per request (server) timeout (default 3000)
  --verbose             list passing and skipped results too

Exit codes: 0 no MUST rule failed; 1 a MUST rule failed (with --strict: or a SHOULD
rule); 2 usage error, or the target could not be tested (import error, hang, crash).`;

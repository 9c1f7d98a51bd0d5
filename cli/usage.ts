/** Usage errors end the run with exit code 2 and a message, never a stack trace. */
import { reporterNames } from '../reports/registry.js';

export { UsageError } from './usage-error.js';

export const USAGE = `wsgi-conformance: PEP 3333 (WSGI 1.0.1) conformance suite

Usage:
  wsgi-conformance app TARGET [options]   certify a WSGI application in-process
  wsgi-conformance middleware FACTORY [--arg K=V]... [--request-header "N: V"]... [options]
                                          certify middleware from both sides: FACTORY(app, **args)
                                          wraps instrumented applications, the gateway calls it
  wsgi-conformance server (--preset NAME | --cmd TEMPLATE | --url URL) [options]
                                          certify a WSGI server over HTTP, hosting the probe app
  wsgi-conformance matrix --preset A,B,C|all [options]
                                          certify several servers, one comparison
  wsgi-conformance fuzz (--preset A,B | --cmd TEMPLATE | --url URL) [--runs N] [--seed N]
      [--time-limit S] [--replay SEED:PATH] [--differential] [--tls] [options]
                                          generated requests and responses judged against
                                          the reference model; shrunk counterexamples
  wsgi-conformance merge FILE... [--out DIR] [--reporter LIST]
                                          join the results.jsonl streams of --shard runs
  wsgi-conformance doctor [--python EXE]  check node, python, the presets and what to install
  wsgi-conformance gallery [options]      certify the bundled teaching examples (npm start)
  wsgi-conformance rules [--json]         list every rule and which case checks it
  wsgi-conformance explain RULE_ID        a rule, its PEP text, a broken and a fixed snippet
  wsgi-conformance playground [--port N]  serve the in-browser playground on 127.0.0.1
  wsgi-conformance COMMAND --help         that command's usage and every option it takes

TARGET: path/to/file.py, path/to/file.py:callable, module:callable, or a script that
calls wsgiref.simple_server.make_server(host, port, app).serve_forever().

Server targets:
  --preset NAME         wsgiref, gunicorn, gunicorn-gthread, waitress, werkzeug, cheroot,
                        uwsgi, gevent, eventlet, twisted, tornado, paste, uvicorn, hypercorn,
                        daphne, aiohttp-wsgi, cherrypy, hg-serve, mod_wsgi, or all
  --cmd TEMPLATE        a command line with {host} {port} {app} (probe module:callable,
                        its folder on PYTHONPATH) {app_file} {python}
  --url URL             a server already running and hosting harness/python/probe.py
  --tls                 serve and certify over TLS: a throwaway CA and certificate,
                        {cert} {key} {ca} for --cmd; presets without TLS are skipped
  --tls-ca FILE         with --url https://...: the CA that signed the server's certificate

Routes of an app (see: wsgi-conformance app --help):
  --path PATH, --request "METHOD PATH" [--header "N: V"] [--data TEXT|@FILE],
  --requests FILE (.http), --crawl N, --source-root DIR

Options:
  --python EXE          interpreter that imports the target (default: the first of
                        python3, /usr/bin/python3, python that can import it);
                        pyodide: Python in WebAssembly, no interpreter needed
  --only ID             run only this case or rule id (repeatable, or comma-separated)
  --strict              SHOULD failures (warnings) fail the run too
  --reporter LIST       any of ${reporterNames().join(',')} (default console);
                        jsonl is the result stream, written as the run goes
  --out DIR             write report.json, results.jsonl (and other reports) into DIR;
                        without it, one reporter writes to stdout
  --baseline FILE       known failures (JSON: {"known": [{"case", "rule", "reason",
                        "expires"?: "YYYY-MM-DD"}]}): shown, not counted
  --update-baseline     rewrite --baseline FILE from this run and print what changed
  --shard I/N           run shard I of N (cases round-robin by sorted id); join with merge
  --timeout MS          per call (app) or per request (server) timeout (default 3000)
  --fuzz-runs N         server, matrix: the generative phase after each certification: N
                        exchanges, seed 1 (default 100; 0 turns it off; not with --only)
  --verbose             list passing and skipped results too

Exit codes:
  0    nothing unexpected: no MUST rule failed outside the baseline
  1    a MUST rule failed (with --strict: or a SHOULD rule) and the baseline does not
       list it, or a baseline entry has expired
  2    usage error (bad option, unknown preset, unreadable baseline or stream)
  3    the target could not be tested, wholly or in part: it would not load or start,
       crashed repeatedly, the probe was missing, or the run was interrupted (merge)
  130  interrupted by Ctrl-C: the reports so far are written, marked interrupted`;

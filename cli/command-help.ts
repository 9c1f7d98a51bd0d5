/**
 * `wsgi-conformance COMMAND --help` (or -h): that command's usage and every option it takes,
 * on stdout, exit 0. The overview stays in usage.ts (`wsgi-conformance --help`).
 */
import { reporterNames } from '../reports/registry.js';

const RUN_OPTIONS = () => `  --python EXE          interpreter that imports the target (default: the first of
                        python3, /usr/bin/python3, python that can import it)
  --only ID             run only this case or rule id (repeatable, or comma-separated)
  --strict              SHOULD failures (warnings) fail the run too
  --reporter LIST       any of ${reporterNames().join(',')} (default console);
                        jsonl is the result stream, written as the run goes;
                        sarif is SARIF 2.1.0 for GitHub code scanning
  --out DIR             write the reports into DIR; without it, one reporter writes to stdout
  --baseline FILE       known failures (JSON): shown, not counted
  --update-baseline     rewrite --baseline FILE from this run and print what changed
  --shard I/N           run shard I of N (cases round-robin by sorted id); join with merge
  --timeout MS          per call (app) or per request (server) timeout (default 3000)
  --verbose             list passing and skipped results too`;

const HELP: Record<string, () => string> = {
  app: () => `Usage: wsgi-conformance app TARGET [options]

Certify a WSGI application in-process, through a strict, instrumented gateway: 13 built-in
scenarios, plus requests on the application's own routes (--path, --request, --requests,
--crawl). Each finding names the rule, what the application did, and the file and line of
the application that did it.

TARGET: path/to/file.py, path/to/file.py:callable, module:callable, or a script that
calls wsgiref.simple_server.make_server(host, port, app).serve_forever().

Routes:
  --path PATH           GET this path too (repeatable), percent-encoded as on the wire,
                        with an optional ?query, e.g. --path "/files/caf%C3%A9.txt"
  --request "M PATH"    make this request too (repeatable), e.g. --request "POST /api/items"
  --header "N: V"       a header of the --request (or --path) before it (repeatable)
  --data TEXT|@FILE     the body of the --request before it (UTF-8; @FILE reads a file)
  --requests FILE       requests from a .http file: "METHOD URL", header lines, a blank
                        line, the body; "###" lines separate requests; # and // comment
  --crawl N             follow same-application links (href, src, action in HTML, and
                        redirect Locations) breadth-first from / and the requests above,
                        for up to N further GET requests
  --source-root DIR     the folder of your own code: findings point at lines there, and
                        framework and library frames are skipped (default: the target's
                        folder, or the package's folder for module:callable)

Options:
${RUN_OPTIONS()}

Examples:
  wsgi-conformance app app.py --path /api/items --request "POST /api/items" --data '{"a": 1}' \\
      --header "Content-Type: application/json"
  wsgi-conformance app myproj.wsgi:application --crawl 50 --reporter console,sarif --out report/`,
  server: () => `Usage: wsgi-conformance server (--preset NAME | --cmd TEMPLATE | --url URL) [options]

Certify a WSGI server over HTTP: the server hosts the suite's probe application, and the
wire suite talks raw sockets to it.

Targets:
  --preset NAME         wsgiref, gunicorn, gunicorn-gthread, waitress, werkzeug, cheroot,
                        uwsgi, gevent, eventlet, twisted, tornado, paste, uvicorn, hypercorn,
                        daphne, aiohttp-wsgi, cherrypy, hg-serve, mod_wsgi, or all
  --cmd TEMPLATE        a command line with {host} {port} {app} (probe module:callable,
                        its folder on PYTHONPATH) {app_file} {python}
  --url URL             a server already running and hosting harness/python/probe.py

Options:
${RUN_OPTIONS()}`,
  matrix: () => `Usage: wsgi-conformance matrix --preset A,B,C|all [options]

Certify several servers one after another into one stream and one comparison.

Options:
  --preset LIST         comma-separated presets, or all (every installed preset)
${RUN_OPTIONS()}`,
  merge: () => `Usage: wsgi-conformance merge FILE... [--out DIR] [--reporter LIST] [--strict] [--verbose]

Join the results.jsonl streams of --shard runs into one report. Refuses to mix tool,
server or Python versions, options, or an incomplete set of shards.

Options:
  --reporter LIST       any of ${reporterNames().join(',')} (default console)
  --out DIR             write the reports into DIR
  --strict              SHOULD failures (warnings) fail the run too
  --verbose             list passing and skipped results too`,
  gallery: () => `Usage: wsgi-conformance gallery [--python EXE] [--only ID] [--reporter console,json]
                            [--out DIR] [--verbose]

Certify the bundled teaching examples (npm start). The broken ones declare the rules they
break; the run exits 0 when each breaks exactly those.`,
  rules: () => `Usage: wsgi-conformance rules [--json]

List every rule, its level, who it binds, and which case checks it (or why none does).

Options:
  --json                the same as JSON, with each rule's full record`,
  explain: () => `Usage: wsgi-conformance explain RULE_ID

A rule, its level, the PEP's (or RFC's) own words and link, the fix, the cases that check
it, and a broken and a fixed snippet.`,
  doctor: () => `Usage: wsgi-conformance doctor [--python EXE]

Check node, python, the probe and runner, the server presets, and what to install.
Exits 0 when the core works, else 3.

Options:
  --python EXE          the interpreter to check (default: the ones app would try)`,
};

/** The command's help, or undefined for a command without one. */
export function commandHelp(name: string): string | undefined {
  return HELP[name]?.();
}

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

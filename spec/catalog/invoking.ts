import type { Rule } from '../rule.js';

/** Catalog section 1.1 Invoking the application (`env-call-*`) of docs/pep3333-rules.md. */
export const invokingRules: readonly Rule[] = [
  {
    id: 'env-call-positional',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary:
      'The server calls the app with exactly two positional arguments (environ, start_response), never keywords.',
    quote: 'A server or gateway must invoke the application object using positional (not keyword) arguments.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L481-483',
    hint: 'Call the application as `application(environ, start_response)`, never with keyword arguments.',
  },
  {
    id: 'env-call-once-per-request',
    binds: ['server'],
    level: 'MUST',
    keyword: 'implicit',
    section: 'The Server/Gateway Side',
    anchor: 'the-server-gateway-side',
    summary: 'The app callable is invoked once for each request directed at it (not twice, not zero times).',
    quote:
      'The server or gateway invokes the application callable once for each request it receives from an HTTP ' +
      'client, that is directed at the application.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L269-271',
    hint:
      'Invoke the application exactly once per request routed to it: no retries, no duplicate calls, no skipped ' +
      'calls.',
  },
  {
    id: 'env-call-repeatable',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST (implicit "must be able")',
    section: 'The Application/Framework Side',
    anchor: 'the-application-framework-side',
    summary: 'The application object must support being invoked more than once (servers other than CGI reuse it).',
    quote:
      'Application objects must be able to be invoked more than once, as virtually all servers/gateways (other ' +
      'than CGI) will make such repeated requests.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L216-218',
    hint:
      'Keep per-request state local to the call (`def application(environ, start_response): body = ' +
      'render(environ)`), so the second call works like the first.',
    snippet: {
      broken: String.raw`BODY = iter([b'Hello, ', b'world'])  # created once, at import

def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return BODY  # empty from the second request on`,
      fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello, ', b'world']  # a fresh body for every call`,
    },
  },
  {
    id: 'env-call-app-signature',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'The app accepts two positional arguments; their names are not significant.',
    quote:
      'The application object must accept two positional arguments. For the sake of illustration, we have named ' +
      'them `environ` and `start_response`, but they are not required to have these names.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L478-480',
    hint:
      'Define the app as `def application(environ, start_response):` (any parameter names), taking exactly two ' +
      'positional parameters.',
    snippet: {
      broken: String.raw`def application(environ):
    return [b'Hello']`,
      fixed: String.raw`def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello']`,
    },
  },
  {
    id: 'env-call-no-introspection',
    binds: ['server', 'application'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'Specification Overview',
    anchor: 'specification-overview',
    summary:
      'Whoever invokes a callable (the app, `start_response`, `write`, `wsgi.file_wrapper`) must not depend on ' +
      'what kind of callable it is: callables are only called, never introspected. Servers must therefore host a ' +
      "class as the app (the PEP's `AppClass`, whose instance is the iterable) as well as an instance with " +
      '`__call__`.',
    quote:
      'Conversely, a server, gateway, or application that is invoking a callable must not have any dependency on ' +
      'what kind of callable was provided to it. Callables are only to be called, not introspected upon.',
    observe: ['server', 'app'],
    source: 'PEP 3333',
    lines: 'L154-161, L212-216, L240-263',
    hint:
      'Only ever call a callable (`app(environ, start_response)`, `start_response(status, headers)`); never inspect ' +
      'it with `inspect`, `__code__` or `isinstance(x, types.FunctionType)`.',
    snippet: {
      broken: String.raw`import inspect

def application(environ, start_response):
    if not inspect.isfunction(start_response):
        raise TypeError('start_response must be a function')
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello']`,
      fixed: String.raw`def application(environ, start_response):
    # any callable will do: just call it
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'Hello']`,
    },
  },
  {
    id: 'env-config-pairs',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Application Configuration',
    anchor: 'application-configuration',
    summary:
      'The deployer can put name/value configuration pairs into environ; the simplest way is copying `os.environ`.',
    quote:
      "Servers and gateways should support this by allowing an application's deployer to specify name-value pairs " +
      'to be placed in `environ`.',
    observe: ['server', 'manual'],
    source: 'PEP 3333',
    lines: 'L1344-1353',
    hint: 'Let deployers put name/value pairs into environ, e.g. by copying `os.environ` into it.',
    untested:
      'untestable: how a deployer configures extra environ pairs is server configuration, not visible to a request',
  },
  {
    id: 'env-app-min-config',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Application Configuration',
    anchor: 'application-configuration',
    summary: 'Apps keep required configuration variables to a minimum and cache configuration.',
    quote:
      'Applications should try to keep such required variables to a minimum, since not all servers will support ' +
      'easy configuration of them.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L1355-1371',
    hint:
      "Read at most one setting such as `environ.get('myapp.config_file', 'myapp.ini')` and cache the parsed " +
      'configuration between requests.',
  },
  {
    id: 'env-single-thread-option',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Thread Support',
    anchor: 'thread-support',
    summary: 'A server that can run requests in parallel should offer a single-threaded mode.',
    quote:
      'Servers that can run multiple requests in parallel, should also provide the option of running an ' +
      'application in a single-threaded fashion, so that applications or frameworks that are not thread-safe may ' +
      'still be used with that server.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L1257-1261',
    hint: 'Offer a configuration option that runs the application in a single thread.',
  },
];

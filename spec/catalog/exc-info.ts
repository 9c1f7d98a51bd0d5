import type { Rule } from '../rule.js';

/** Catalog section 1.8 exc_info and error handling (`exc-info-*`) of docs/pep3333-rules.md. */
export const excInfoRules: readonly Rule[] = [
  {
    id: 'exc-info-tuple',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: '`exc_info`, if given, is a `sys.exc_info()` 3-tuple.',
    quote: 'The `exc_info` argument, if supplied, must be a Python `sys.exc_info()` tuple.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L868-869',
    hint: 'Pass `sys.exc_info()` itself from inside the `except` block, not an exception object or a string.',
    snippet: {
      broken: String.raw`except Exception as exc:
    start_response('500 Internal Server Error', headers, exc)   # or True`,
      fixed: String.raw`except Exception:
    start_response('500 Internal Server Error', headers, sys.exc_info())`,
    },
  },
  {
    id: 'exc-info-only-in-error-handler',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: 'The app passes `exc_info` only when `start_response` is called from an error handler.',
    quote:
      'This argument should be supplied by the application only if `start_response` is being called by an error ' +
      'handler.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L869-871',
    hint:
      "Pass `exc_info` only from an `except` block (`start_response('500 Internal Server Error', headers, " +
      'sys.exc_info())`), and pass nothing on the normal path.',
    snippet: {
      broken: String.raw`try:
    warm_cache()
except LookupError:
    saved = sys.exc_info()
start_response('200 OK', headers, saved)   # normal path, not an error handler`,
      fixed: String.raw`try:
    warm_cache()
except LookupError:
    environ['wsgi.errors'].write('cache unavailable\n')   # log it instead
start_response('200 OK', headers)`,
    },
  },
  {
    id: 'exc-info-replace-before-sent',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'With `exc_info` and nothing sent yet, the new status and headers replace the stored ones (the app "changes ' +
      'its mind").',
    quote:
      'If `exc_info` is supplied, and no HTTP headers have been output yet, `start_response` should replace the ' +
      'currently-stored HTTP response headers with the newly-supplied ones, thus allowing the application to ' +
      '"change its mind" about the output when an error has occurred.',
    observe: ['server', 'wire'],
    source: 'PEP 3333',
    lines: 'L871-875',
    hint: 'When `exc_info` arrives before anything was sent, replace the stored status and headers with the new ones.',
  },
  {
    id: 'exc-info-raise-after-sent',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST raise, SHOULD re-raise the same',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'With `exc_info` after the headers were sent, `start_response` must raise, and should re-raise ' +
      '`exc_info[1]` with traceback `exc_info[2]`.',
    quote:
      'However, if `exc_info` is provided, and the HTTP headers have already been sent, `start_response` must ' +
      'raise an error, and should re-raise using the `exc_info` tuple.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L877-881, L1150-1156',
    hint: "Once headers are sent, re-raise the application's error: `raise exc_info[1].with_traceback(exc_info[2])`.",
  },
  {
    // Added by wsgi-conformance: exc-info-raise-after-sent's MUST (raise) and SHOULD
    // (re-raise the original) need separate levels to be judged fairly.
    id: 'exc-info-reraise-original',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'When start_response must raise because the headers were already sent, it re-raises the original exception ' +
      '(`exc_info[1]` with traceback `exc_info[2]`).',
    quote:
      'However, if `exc_info` is provided, and the HTTP headers have already been sent, `start_response` must ' +
      'raise an error, and should re-raise using the `exc_info` tuple.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L877-881',
    hint: 'In start_response, when headers are sent: `raise exc_info[1].with_traceback(exc_info[2])`.',
    added: 'Splits the SHOULD half of exc-info-raise-after-sent (re-raise the same exception) from its MUST half.',
  },
  {
    id: 'exc-info-app-no-trap',
    binds: ['application'],
    level: 'MUST',
    keyword: 'MUST NOT',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary: 'An app that passed `exc_info` must not trap what `start_response` raises; it propagates to the server.',
    quote:
      'The application must not trap any exceptions raised by `start_response`, if it called `start_response` ' +
      'with `exc_info`.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L886-890, L1154-1155, L1175-1178',
    hint:
      'Call `start_response(status, headers, sys.exc_info())` outside any `try` that would catch what it raises, ' +
      'and let the exception reach the server.',
    snippet: {
      broken: String.raw`except ValueError:
    try:
        start_response('500 Internal Server Error', headers, sys.exc_info())
    except Exception:
        pass   # swallows the error start_response re-raised
    yield b'An error occurred.'`,
      fixed: String.raw`except ValueError:
    # if the headers were already sent this raises: let it propagate
    start_response('500 Internal Server Error', headers, sys.exc_info())
    yield b'An error occurred.'`,
    },
  },
  {
    id: 'exc-info-no-lingering-ref',
    binds: ['server', 'middleware'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'The start_response() Callable',
    anchor: 'the-start-response-callable',
    summary:
      'Implementations of `start_response` keep no reference to `exc_info` beyond the call, to avoid traceback ' +
      'reference cycles.',
    quote:
      'Note: servers, gateways, or middleware implementing `start_response` should ensure that no reference is ' +
      "held to the `exc_info` parameter beyond the duration of the function's execution",
    observe: ['server', 'app'],
    source: 'PEP 3333',
    lines: 'L900-911',
    hint:
      'Drop the reference in a `finally:` block (`exc_info = None`) and never store the tuple on `self` or in a ' +
      'closure.',
  },
  {
    id: 'exc-app-trap-own-errors',
    binds: ['application'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Error Handling',
    anchor: 'error-handling',
    summary: 'Apps trap their internal errors and show a helpful message.',
    quote:
      'In general, applications should try to trap their own, internal errors, and display a helpful message in ' +
      'the browser.',
    observe: ['manual'],
    source: 'PEP 3333',
    lines: 'L1125-1127',
    hint:
      'Wrap request handling in `try: ... except Exception:` and return a helpful error page via ' +
      "`start_response('500 Internal Server Error', headers, sys.exc_info())`.",
    snippet: {
      broken: String.raw`def application(environ, start_response):
    body = render(environ)  # may raise; nothing catches it
    start_response('200 OK', [('Content-Type', 'text/html')])
    return [body]`,
      fixed: String.raw`def application(environ, start_response):
    try:
        body = render(environ)
    except Exception:
        start_response('500 Internal Server Error',
                       [('Content-Type', 'text/plain')], sys.exc_info())
        return [b'Sorry, something went wrong.']
    start_response('200 OK', [('Content-Type', 'text/html')])
    return [body]`,
    },
  },
  {
    id: 'exc-server-trap-log',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD',
    section: 'Error Handling',
    anchor: 'error-handling',
    summary:
      'The server traps and logs exceptions that abort the app or its iteration: before any output that means an ' +
      'error response (e.g. 500), after output an aborted response.',
    quote: 'Servers should trap and log any exception that aborts an application or the iteration of its return value.',
    observe: ['server', 'wire'],
    source: 'PEP 3333',
    lines: 'L1158-1159',
    hint:
      'Catch and log exceptions from the application call and from iteration; send a 500 if nothing was sent yet, ' +
      'otherwise abort the response.',
  },
  {
    id: 'exc-server-may-append',
    binds: ['server'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'Error Handling',
    anchor: 'error-handling',
    summary: 'With a partial `text/*` response already sent, the server may append an error message.',
    quote:
      'If a partial response has already been written to the browser when an application error occurs, the server ' +
      'or gateway may attempt to add an error message to the output, if the already-sent headers indicate a ' +
      '`text/*` content type that the server knows how to modify cleanly.',
    observe: ['wire'],
    source: 'PEP 3333',
    lines: 'L1160-1163',
    hint:
      'Append an error note to a partly sent body only if it is `text/*` and you can do it cleanly; otherwise just ' +
      'abort the response.',
  },
  {
    id: 'exc-middleware-may-intercept',
    binds: ['middleware'],
    level: 'MAY',
    keyword: 'MAY',
    section: 'Error Handling',
    anchor: 'error-handling',
    summary:
      'Middleware may choose not to re-raise `exc_info` (raising its own exception, or returning after storing ' +
      'the arguments) to capture and replace error output.',
    quote:
      'In such cases, middleware may choose to not re-raise the `exc_info` supplied to `start_response`, but ' +
      'instead raise a middleware-specific exception, or simply return without an exception after storing the ' +
      'supplied arguments.',
    observe: ['app'],
    source: 'PEP 3333',
    lines: 'L1165-1172',
    hint:
      'To replace error output, record the arguments in your `start_response` and return (or raise your own ' +
      'exception) instead of re-raising `exc_info`.',
  },
];

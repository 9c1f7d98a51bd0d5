import type { Rule } from '../rule.js';

/** Catalog section 1.10 close() (`close-*`) of docs/pep3333-rules.md. */
export const closeRules: readonly Rule[] = [
  {
    id: 'close-called',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'If the iterable has a `close()` method, the server calls it when the request completes.',
    quote:
      'If the iterable returned by the application has a `close()` method, the server or gateway must call that ' +
      'method upon completion of the current request',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L549-553',
    hint: 'Call `result.close()` in a `finally:` after iterating, whenever the result has a `close` attribute.',
    snippet: {
      broken: String.raw`class Timed:  # a middleware's wrapper around the app's iterable
    def __init__(self, body):
        self.body = iter(body)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self.body)`,
      fixed: String.raw`class Timed:
    def __init__(self, body):
        self.inner, self.body = body, iter(body)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self.body)
    def close(self):  # the server calls this; pass it on
        if hasattr(self.inner, 'close'):
            self.inner.close()`,
    },
  },
  {
    id: 'close-on-error',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'The server also calls `close()` when the request ends early because of an app error during iteration.',
    quote:
      'whether the request was completed normally, or terminated early due to an application error during ' +
      'iteration or an early disconnect of the browser.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L551-553',
    hint: 'Call `result.close()` from a `finally:` block so it also runs when iteration raises.',
  },
  {
    id: 'close-on-disconnect',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: 'The server also calls `close()` when the client disconnects early.',
    quote:
      'whether the request was completed normally, or terminated early due to an application error during ' +
      'iteration or an early disconnect of the browser.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L552-553',
    hint: 'Call `result.close()` when sending fails because the client went away, not only at normal completion.',
  },
  {
    id: 'close-after-early-stop',
    binds: ['server'],
    level: 'MUST',
    keyword: 'implicit MUST',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary:
      'The server also calls `close()` when it stops iterating itself (Content-Length reached, HEAD optimisation, ' +
      'write error).',
    quote:
      'If the iterable returned by the application has a `close()` method, the server or gateway must call that ' +
      'method upon completion of the current request, whether the request was completed normally, or terminated ' +
      'early due to an application error during iteration or an early disconnect of the browser.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L549-553, L922-923',
    hint:
      'Also call `result.close()` when you stop iterating yourself (Content-Length reached, HEAD request, write ' +
      'error).',
  },
  {
    id: 'close-once-no-iter-after',
    binds: ['server'],
    level: 'MUST',
    keyword: 'implicit',
    section: 'Specification Details',
    anchor: 'specification-details',
    summary: '`close()` is called once, and no `next()` happens after it.',
    quote:
      'If the iterable returned by the application has a `close()` method, the server or gateway must call that ' +
      'method upon completion of the current request',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'wsgiref.validate L275-276',
    hint: 'Call `close()` exactly once, after the last `next()`, and never iterate the result after closing it.',
  },
];

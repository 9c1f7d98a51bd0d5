/**
 * MUST rules that no case judges, each with the reason, reviewed. A MUST rule without a case
 * and without an entry here fails suites/coverage-guard.test.ts, and so does an entry whose
 * rule has meanwhile got a case (then drop the entry).
 */
export const UNTESTED_MUST: Readonly<Record<string, string>> = {
  'env-ext-api-via-replaced':
    "a server's extension APIs are its own, named in its documentation: no request can discover them to check how they are invoked",
  'env-ext-api-refuse':
    "a server's extension APIs are its own, named in its documentation: no request can discover them to check that they refuse service",
  'errors-app-flush':
    'whether an application needs its wsgi.errors output written now is its intent; an application that never flushes breaks nothing observable',
  'unicode-app-does-encoding':
    'states who encodes; what can be observed of it is judged by body-items-bytes, status-native-str and headers-str-types',
  'http11-app-no-inbound-hop-reliance':
    'reliance is intent: an application may read HTTP_CONNECTION harmlessly, and no request shows whether it depends on it',
};

/** The environ keys PEP 3333 ("environ Variables") and RFC 3875 (§4.1) name, for every check that lists them. */

/** The wsgi.* keys every environ must hold (env-wsgi-keys-present). */
export const WSGI_KEYS = [
  'wsgi.version',
  'wsgi.url_scheme',
  'wsgi.input',
  'wsgi.errors',
  'wsgi.multithread',
  'wsgi.multiprocess',
  'wsgi.run_once',
] as const;

/** The CGI variables PEP 3333 lists as required, present unless their value would be empty. */
export const REQUIRED_CGI = [
  'REQUEST_METHOD',
  'SCRIPT_NAME',
  'PATH_INFO',
  'SERVER_NAME',
  'SERVER_PORT',
  'SERVER_PROTOCOL',
] as const;

/** The meta-variables RFC 3875 §4.1 defines: with HTTP_*, the values that must be str (env-cgi-str). */
export const RFC3875_VARIABLES: ReadonlySet<string> = new Set([
  'AUTH_TYPE',
  'CONTENT_LENGTH',
  'CONTENT_TYPE',
  'GATEWAY_INTERFACE',
  'PATH_INFO',
  'PATH_TRANSLATED',
  'QUERY_STRING',
  'REMOTE_ADDR',
  'REMOTE_HOST',
  'REMOTE_IDENT',
  'REMOTE_USER',
  'REQUEST_METHOD',
  'SCRIPT_NAME',
  'SERVER_NAME',
  'SERVER_PORT',
  'SERVER_PROTOCOL',
  'SERVER_SOFTWARE',
]);

import type { Rule } from '../rule.js';

/**
 * How request headers become environ keys, where a client could pass one header off as
 * another or as a CGI variable. Added for the wire suite, next to env-http-vars.
 */
export const headerMappingRules: readonly Rule[] = [
  {
    id: 'env-http-underscore',
    binds: ['server'],
    level: 'SHOULD',
    keyword: 'SHOULD (security practice; the CGI mapping is ambiguous)',
    section: 'RFC 3875 §4.1.18 Protocol-Specific Meta-Variables',
    anchor: 'section-4.1.18',
    summary:
      'A request header whose name has underscores (`X_Forwarded_For`) cannot stand for the dash-named one ' +
      '(`X-Forwarded-For`): `HTTP_X_FORWARDED_FOR` carries only what the dash-named header said (the underscore ' +
      'one is dropped, as nginx and recent gunicorn do).',
    quote:
      'The HTTP header field name is converted to upper case, has all occurrences of "-" replaced with "_" and ' +
      'has "HTTP_" prepended to give the meta-variable name.',
    observe: ['server'],
    source: 'RFC 3875',
    lines: 'RFC 3875 §4.1.18',
    hint:
      "Drop request headers whose names contain '_' (or at least never let them set or join the HTTP_ key of a " +
      'dash-named header).',
    added:
      'Wire suite: proxies vouch for headers such as X-Forwarded-For by name; an underscore twin that maps to the ' +
      'same environ key slips past them. Not a MUST anywhere, so a SHOULD.',
  },
  {
    id: 'env-cgi-not-from-headers',
    binds: ['server'],
    level: 'MUST',
    keyword: 'implicit MUST (env-script-name, env-path-info)',
    section: 'environ Variables',
    anchor: 'environ-variables',
    summary:
      'No request header sets `SCRIPT_NAME`, `PATH_INFO` or another CGI key: `Script-Name`, `SCRIPT_NAME` or ' +
      '`Path_Info` headers become `HTTP_*` keys (or are dropped), and `SCRIPT_NAME`/`PATH_INFO` still come from ' +
      'the request path and where the application is mounted.',
    quote:
      'The initial portion of the request URL\'s "path" that corresponds to the application object, so that the ' +
      'application knows its virtual "location". This may be an empty string, if the application corresponds to ' +
      'the "root" of the server.',
    observe: ['server'],
    source: 'PEP 3333',
    lines: 'L591-595; RFC 3875 §4.1.18',
    hint:
      'Derive SCRIPT_NAME from your mount configuration and PATH_INFO from the request path only; honour a proxy ' +
      'header for the mount point only from trusted proxies, if at all.',
    added:
      'Wire suite: a client that can choose SCRIPT_NAME moves the application to a mount point of its choosing ' +
      '(gunicorn < 22 read a SCRIPT_NAME request header).',
  },
  {
    id: 'env-http-repeated-joined',
    binds: ['server'],
    level: 'MUST',
    keyword: 'MUST (RFC 3875)',
    section: 'RFC 3875 §4.1.18 Protocol-Specific Meta-Variables',
    anchor: 'section-4.1.18',
    summary:
      'A header the client sent several times becomes one `HTTP_*` value holding all of them (joined with commas, ' +
      'the list syntax of RFC 9110 §5.3; `; ` for Cookie), never only the first or the last.',
    quote:
      'If multiple header fields with the same field-name are received then the server MUST rewrite them as a ' +
      'single value having the same semantics.',
    observe: ['server'],
    source: 'RFC 3875',
    lines: 'RFC 3875 §4.1.18',
    hint: "Join repeated request headers into one value: ', '.join(values) (for Cookie, '; '.join(values)).",
    added:
      'Triage of the pinned verdicts: PEP 3333 takes its HTTP_ variables from CGI, and env-http-vars speaks only ' +
      "of a header's presence; a server that keeps one of two X-Forwarded-For or Accept values loses data the " +
      'client sent (cheroot 9 keeps the last).',
  },
];

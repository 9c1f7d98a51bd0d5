/**
 * The PEP 3333 rule catalog as data: every rule of docs/pep3333-rules.md, one file per
 * catalog section (1.1 to 1.15), concatenated here in catalog order.
 */
import type { Rule } from '../rule.js';
import { invokingRules } from './invoking.js';
import { environRules } from './environ.js';
import { inputRules } from './input.js';
import { errorsRules } from './errors.js';
import { startResponseRules } from './start-response.js';
import { statusRules } from './status.js';
import { headersRules } from './headers.js';
import { excInfoRules } from './exc-info.js';
import { bodyRules } from './body.js';
import { closeRules } from './close.js';
import { writeRules } from './write.js';
import { unicodeRules } from './unicode.js';
import { http11Rules } from './http11.js';
import { fileWrapperRules } from './file-wrapper.js';
import { middlewareRules } from './middleware.js';
import { httpRfcRules } from './http-rfc.js';
import { headerMappingRules } from './header-mapping.js';
import { appRouteRules } from './app-routes.js';

export {
  invokingRules,
  environRules,
  inputRules,
  errorsRules,
  startResponseRules,
  statusRules,
  headersRules,
  excInfoRules,
  bodyRules,
  closeRules,
  writeRules,
  unicodeRules,
  http11Rules,
  fileWrapperRules,
  middlewareRules,
  httpRfcRules,
  headerMappingRules,
  appRouteRules,
};

/** All rules, in catalog order (sections 1.1 to 1.15, rows in table order), then the added HTTP ones. */
export const rules: readonly Rule[] = [
  ...invokingRules,
  ...environRules,
  ...inputRules,
  ...errorsRules,
  ...startResponseRules,
  ...statusRules,
  ...headersRules,
  ...excInfoRules,
  ...bodyRules,
  ...closeRules,
  ...writeRules,
  ...unicodeRules,
  ...http11Rules,
  ...fileWrapperRules,
  ...middlewareRules,
  // Added for the wire suite: HTTP's own rules (RFC 9110/9112) and header-to-environ mapping.
  ...headerMappingRules,
  ...httpRfcRules,
  // Added with requests on the application's own routes.
  ...appRouteRules,
];

const byId: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]));

/** The rule with this id, or `undefined` if the catalog has none. */
export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

/** The rule with this id; throws if the id is not in the catalog (catches typos in checks). */
export function requireRule(id: string): Rule {
  const rule = byId.get(id);
  if (rule === undefined) {
    throw new Error(`Unknown rule id: "${id}" (not in spec/catalog)`);
  }
  return rule;
}

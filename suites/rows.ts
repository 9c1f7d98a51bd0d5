/** The suite's (case, rule) rows, as suites/rows.txt lists them (scripts/rows.ts rewrites that file). */
import { appCases } from './app/index.js';
import { towardsApplicationCases } from './middleware/towards-application.js';
import { serverCases } from './server/index.js';

export function currentRows(): string[] {
  const app = appCases.flatMap((c) => c.rules.map((rule) => `app ${c.id} ${rule}`));
  const server = serverCases.flatMap((c) => c.rules.map((rule) => `server ${c.id} ${rule}`));
  const middleware = towardsApplicationCases.flatMap((c) => c.rules.map((rule) => `middleware ${c.id} ${rule}`));
  return [...app, ...server, ...middleware].sort();
}

/** One spelling of a server target wherever it is named: in reports, streams and re-run commands. */
import type { ServerTarget } from './server-types.js';
import { joinShellWords } from './shell-words.js';

/** The target's name in reports and the stream: the preset, the command template or the URL. */
export function targetName(t: ServerTarget): string {
  return t.kind === 'preset' ? t.name : t.kind === 'cmd' ? t.template : t.url;
}

/** The command-line option that selects the target, quoted for a POSIX shell. */
export function targetOption(t: ServerTarget): string {
  return joinShellWords([`--${t.kind}`, targetName(t)]);
}

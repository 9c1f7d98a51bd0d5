/** Entry point: dispatches a command; usage errors exit 2 with a message, never a stack trace. */
import { appCommand } from './app-command.js';
import { doctorCommand } from './doctor-command.js';
import { explainCommand } from './explain-command.js';
import { galleryCommand } from './gallery-command.js';
import { matrixCommand } from './matrix-command.js';
import { disposePyodide } from '../harness/pyodide/node-runner.js';
import { mergeCommand } from './merge-command.js';
import { playgroundCommand } from './playground-command.js';
import { rulesCommand } from './rules-command.js';
import { serverCommand } from './server-command.js';
import { USAGE, UsageError } from './usage.js';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  app: appCommand,
  server: serverCommand,
  matrix: matrixCommand,
  merge: mergeCommand,
  gallery: galleryCommand,
  rules: rulesCommand,
  explain: explainCommand,
  doctor: doctorCommand,
  playground: playgroundCommand,
};

let pipeWatched = false;

/** `... | head` closing stdout early is the reader's choice, not an error: stop quietly, as SIGPIPE would. */
function quietOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(141);
  });
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    const { TOOL } = await import('../spec/tool.js');
    process.stdout.write(`${TOOL.version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const code = await command(rest);
    disposePyodide(); // a spare Pyodide worker must not keep the process alive
    return code;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`wsgi-conformance: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(`wsgi-conformance: internal error (a bug in the suite, please report it): ${err.message}\n${process.env.WSGI_CONFORMANCE_DEBUG ? err.stack : ''}\n`);
    return 3; // nothing was tested: our bug, never the target's fault
  }
}

/** Entry point: dispatches a command; usage errors exit 2 with a message, never a stack trace. */
import { UsageError } from './usage-error.js';

/** The usage text names every reporter, so it loads their registry: only when it is shown. */
const usage = async () => (await import('./usage.js')).USAGE;

type Command = (argv: string[]) => Promise<number>;

/** The in-process certifications validate too few values for Zod's compiled fast path to pay (zod-jitless.ts). */
const inProcess = () => import('./zod-jitless.js');

/** Each command's code loads only when it runs: `--version` or `rules` need no HTTP client or runner. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  app: async () => (await inProcess(), await import('./app-command.js')).appCommand,
  server: async () => (await import('./server-command.js')).serverCommand,
  matrix: async () => (await import('./matrix-command.js')).matrixCommand,
  middleware: async () => (await inProcess(), await import('./middleware-command.js')).middlewareCommand,
  fuzz: async () => (await import('./fuzz-command.js')).fuzzCommand,
  merge: async () => (await import('./merge-command.js')).mergeCommand,
  gallery: async () => (await inProcess(), await import('./gallery-command.js')).galleryCommand,
  rules: async () => (await import('./rules-command.js')).rulesCommand,
  playground: async () => (await import('./playground-command.js')).playgroundCommand,
  explain: async () => (await import('./explain-command.js')).explainCommand,
  doctor: async () => (await import('./doctor-command.js')).doctorCommand,
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
    process.stdout.write(`${await usage()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    const { TOOL } = await import('../spec/tool.js');
    process.stdout.write(`${TOOL.version}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!load) throw new UsageError(`unknown command "${name}"`);
    if (rest.includes('--help') || rest.includes('-h')) {
      const help = (await import('./command-help.js')).commandHelp(name);
      if (help) return (process.stdout.write(`${help}\n`), 0);
    }
    const code = await (await load())(rest);
    // A spare Pyodide worker must not keep the process alive (loaded only if it was used).
    if (name === 'app' || name === 'gallery' || name === 'middleware') {
      (await import('../harness/pyodide/node-runner.js')).disposePyodide();
    }
    return code;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`wsgi-conformance: ${e.message}\n\n${await usage()}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(
      `wsgi-conformance: internal error (a bug in the suite, please report it): ` +
        `${err.message}\n${process.env.WSGI_CONFORMANCE_DEBUG ? err.stack : ''}\n`,
    );
    return 3; // nothing was tested: our bug, never the target's fault
  }
}

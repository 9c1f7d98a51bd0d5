/** Asking an interpreter what it can import and what it prints, without a shell. */
import { execFile } from 'node:child_process';

/**
 * `python3` first (what the user's PATH means), then the Debian interpreter: the Debian
 * server packages install for /usr/bin/python3, while `python3` may be a pyenv or venv
 * interpreter that has none of them.
 */
export const PYTHON_CANDIDATES = ['python3', '/usr/bin/python3'] as const;

export interface RunResult {
  ok: boolean;
  stdout: string;
  /** stderr, or why the interpreter could not run at all */
  stderr: string;
  /** Killed at the time limit: says nothing about the interpreter, only about the machine's load. */
  timedOut?: boolean;
}

export function runPython(python: string, code: string, timeoutMs = 15_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      python,
      ['-c', code],
      { timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
      (error, stdout, stderr) => {
        const e = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
        const why =
          e?.code === 'ENOENT'
            ? `python interpreter not found: ${python}`
            : e?.killed
              ? `timed out after ${timeoutMs} ms`
              : '';
        const timedOut = Boolean(e?.killed);
        resolve({
          ok: !error,
          stdout: String(stdout),
          stderr: why || String(stderr),
          ...(timedOut ? { timedOut } : {}),
        });
      },
    );
  });
}

/** The last line of a Python traceback ("ModuleNotFoundError: No module named 'x'"), or the whole text. */
export function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

export type PythonChoice = { python: string } | { python?: undefined; reasons: string[] };

/**
 * The interpreter to use: `given` when set, else the first candidate that can import
 * `module` (any that runs, when there is no module to import). On failure, one reason
 * per interpreter tried. An import still running at the timeout (Twisted or eventlet on a
 * loaded machine) is taken as importable at once: slowness is not absence, and the server's own
 * start, with its start timeout, says clearly if it never comes up.
 */
export async function choosePython(
  module: string | undefined,
  given?: string,
  timeoutMs = 15_000,
): Promise<PythonChoice> {
  const code = module ? `import ${module}` : 'pass';
  const reasons: string[] = [];
  for (const python of given ? [given] : PYTHON_CANDIDATES) {
    const r = await runPython(python, code, timeoutMs);
    // An import that timed out on a busy machine proves nothing either way, so it is accepted
    // without asking again: waiting longer could only end in the same answer.
    if (r.ok || r.timedOut) return { python };
    reasons.push(`${python}: ${lastLine(r.stderr) || 'failed'}`);
  }
  return { reasons };
}

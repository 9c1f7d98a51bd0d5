/**
 * `--cmd` templates: split shell-like first, then fill placeholders inside each word, so a
 * value with spaces (a path) stays one argument and never needs quoting by the user.
 */
import { ShellSyntaxError, splitShellWords } from './shell-words.js';

export class TemplateError extends Error {}

/** The placeholders every template may use, and what they mean (for messages and --help). */
export const PLACEHOLDERS = {
  host: 'the interface to listen on (default 127.0.0.1)',
  port: 'the free port picked for this run',
  app: 'the application as module:callable (its directory is prepended to PYTHONPATH)',
  app_module: 'the module part of {app}',
  app_callable: 'the callable part of {app}',
  app_dir: 'the directory holding the application module',
  app_file: 'the absolute path of the application file',
  python: 'the Python interpreter chosen (--python, else python3 or /usr/bin/python3)',
  adapters: 'the directory of the bundled adapter scripts, serve_<server>.py HOST PORT MODULE:CALLABLE [CERT KEY]',
  cert: "with --tls: the server certificate's PEM file (for 127.0.0.1 and localhost)",
  key: "with --tls: the server certificate's private key, PEM, unencrypted",
  ca: 'with --tls: the throwaway CA that signed {cert}, PEM',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The placeholder names a template uses, in order of first use (throws on bad shell syntax). */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const word of splitWords(template)) for (const m of word.matchAll(PLACEHOLDER)) names.add(m[1] as string);
  return [...names];
}

/** argv for the template; throws TemplateError naming an unknown placeholder or a shell construct. */
export function expandTemplate(template: string, values: Readonly<Record<string, string>>): string[] {
  return splitWords(template).map((word) =>
    word.replace(PLACEHOLDER, (_, name: string) => {
      const value = values[name];
      if (value === undefined) {
        const known = Object.keys(values)
          .map((k) => `{${k}}`)
          .join(' ');
        throw new TemplateError(`unknown placeholder {${name}} in template: ${template}\nknown placeholders: ${known}`);
      }
      return value;
    }),
  );
}

function splitWords(template: string): string[] {
  try {
    return splitShellWords(template);
  } catch (e) {
    if (e instanceof ShellSyntaxError) throw new TemplateError(`cannot split the command template: ${e.message}`);
    throw e;
  }
}

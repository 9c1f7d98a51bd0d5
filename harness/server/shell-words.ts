/**
 * Split a `--cmd` template into argv words the way a POSIX shell would for simple commands.
 * The command is spawned without a shell, so anything a shell would *do* (pipes, redirects,
 * `$VAR`, `;`, `&&`, backticks, `VAR=x cmd`) is refused instead of being passed on as a
 * literal argument that fails in a confusing way later. A dependency (shell-quote) would
 * parse those into operator objects we would reject anyway, so a small splitter it is.
 */

export class ShellSyntaxError extends Error {}

const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '`']);

export function splitShellWords(input: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false; // '' is a word when quoted: `a "" b` has three
  let i = 0;
  const fail = (what: string): never => {
    throw new ShellSyntaxError(`${what} at column ${i + 1} of: ${input}`);
  };
  while (i < input.length) {
    const c = input[i] as string;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) fail('unterminated single quote');
      word += input.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        const d = input[i];
        if (d === undefined) fail('unterminated double quote');
        if (d === '"') break;
        if (d === '$' || d === '`') fail(`'${d}' inside double quotes (no shell expands it here; use single quotes)`);
        // Inside double quotes a backslash only escapes these, as in sh.
        if (d === '\\' && '"\\$`'.includes(input[i + 1] ?? '')) i++;
        word += input[i];
        i++;
      }
      inWord = true;
      i++;
    } else if (c === '\\') {
      const next = input[i + 1];
      if (next === undefined) fail('trailing backslash');
      if (next !== '\n') word += next; // backslash-newline is a line continuation
      inWord = inWord || next !== '\n';
      i += 2;
    } else if (OPERATORS.has(c) || c === '$') {
      fail(
        `unquoted '${c}' (the command runs without a shell: no pipes, redirects, variables or lists; quote it if ` +
          `it is literal)`,
      );
    } else {
      if (!inWord && c === '#') break; // a comment, as in sh
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new ShellSyntaxError('empty command');
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] as string)) {
    throw new ShellSyntaxError(
      `'${words[0]}': environment assignments are not supported; the launcher sets the environment`,
    );
  }
  return words;
}

/** Quote words back into a line a shell would split the same way (for reports and re-runs). */
export function joinShellWords(words: readonly string[]): string {
  return words.map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

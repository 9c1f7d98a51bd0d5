/** The --cmd splitter agrees with sh on simple commands and refuses what only a shell could do. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { joinShellWords, ShellSyntaxError, splitShellWords } from './shell-words.js';
import { expandTemplate, placeholdersOf, TemplateError } from './template.js';

/** What /bin/sh makes of the same line: the ground truth for the cases that both accept. */
function sh(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `for a in ${line}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('splitShellWords', () => {
  it.each([
    ['gunicorn -w 2 {app}'],
    ['  spaced\tout  words '],
    [`{python} -c "import sys; sys.exit(3)"`],
    [`{python} -c 'print("x")'`],
    [`a"b"'c'd`],
    [`"" a ''`],
    [`back\\ slash "in \\"quotes\\" \\\\ \\n"`],
    [`'it'\\''s'`],
    ['a\\\nb'],
  ])('splits %j as sh does', (line) => {
    expect(splitShellWords(line)).toEqual(sh(line));
  });

  it.each([
    ['gunicorn {app} | tee log', /unquoted '\|'/],
    ['serve > log', /unquoted '>'/],
    ['a; b', /unquoted ';'/],
    ['a && b', /unquoted '&'/],
    ['echo $HOME', /unquoted '\$'/],
    ['echo "$HOME"', /inside double quotes/],
    ['echo `id`', /unquoted '`'/],
    [`say 'unfinished`, /unterminated single quote/],
    ['say "unfinished', /unterminated double quote/],
    ['trailing \\', /trailing backslash/],
    ['PORT=1 serve', /environment assignments/],
    ['   ', /empty command/],
  ])('refuses %j', (line, message) => {
    expect(() => splitShellWords(line)).toThrow(ShellSyntaxError);
    expect(() => splitShellWords(line)).toThrow(message);
  });

  it('stops at a comment, as sh does', () => {
    expect(splitShellWords('serve {port} # the rest is a comment')).toEqual(['serve', '{port}']);
    expect(splitShellWords('serve a#b')).toEqual(['serve', 'a#b']);
  });

  it('quotes words back so they split the same way', () => {
    const words = ['python3', '-c', `print('it''s')`, 'a b', '', '{x,y}', '/p/q.py'];
    expect(splitShellWords(joinShellWords(words))).toEqual(words);
    expect(sh(joinShellWords(words))).toEqual(words);
  });
});

describe('expandTemplate', () => {
  it('fills placeholders inside words and keeps values with spaces as one argument', () => {
    const argv = expandTemplate('{python} -m x --bind {host}:{port} {app}', {
      python: '/opt/my python/bin/python3',
      host: '127.0.0.1',
      port: '8000',
      app: 'probe:application',
    });
    expect(argv).toEqual(['/opt/my python/bin/python3', '-m', 'x', '--bind', '127.0.0.1:8000', 'probe:application']);
  });

  it('leaves braces that are not placeholders alone', () => {
    expect(expandTemplate(`x -c 'print({})' '{ a }'`, {})).toEqual(['x', '-c', 'print({})', '{ a }']);
  });

  it('names an unknown placeholder and the known ones', () => {
    expect(() => expandTemplate('serve --port {prot}', { port: '1' })).toThrow(TemplateError);
    expect(() => expandTemplate('serve --port {prot}', { port: '1' })).toThrow(
      /unknown placeholder \{prot\}[\s\S]*\{port\}/,
    );
  });

  it('lists the placeholders a template uses', () => {
    expect(placeholdersOf('{python} {adapters}/s.py {host} {port} {app} {host}')).toEqual([
      'python',
      'adapters',
      'host',
      'port',
      'app',
    ]);
  });
});

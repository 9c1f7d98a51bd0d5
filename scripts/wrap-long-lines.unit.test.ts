/**
 * scripts/wrap-long-lines.ts changes how a string is written, never what it is: every split is
 * evaluated against the literal it replaces, and the whole rule catalog, wrapped at a width
 * narrow enough to split nearly every quotation and hint in it, gives the same records.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { columns, concatenationParts, splitLiteral, splitRaw, wrapSource } from './wrap-long-lines.js';

/** The value of a JavaScript expression, computed by the engine. */
const evaluate = (code: string): unknown => new Function(`return (${code});`)();

const long = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('splitRaw', () => {
  it('cuts after spaces into pieces that fit, and joins back to the same text', () => {
    const raw = long(40);
    const pieces = splitRaw(raw, 30);
    expect(pieces.join('')).toBe(raw);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) expect(columns(p)).toBeLessThanOrEqual(30);
    for (const p of pieces.slice(0, -1)) expect(p.endsWith(' ')).toBe(true);
  });

  it('never cuts inside a word or an escape sequence', () => {
    expect(splitRaw('https://peps.python.org/pep-3333/#the-start-response-callable', 10)).toEqual([
      'https://peps.python.org/pep-3333/#the-start-response-callable',
    ]);
    // `\ ` is an escaped space (one character): not a place to cut.
    expect(splitRaw('aaaa\\ bbbb cccc', 6)).toEqual(['aaaa\\ bbbb ', 'cccc']);
  });
});

describe('splitLiteral', () => {
  const cases = [
    `'${long(20)}'`,
    `"${long(10)} it's \\"quoted\\" ${long(10)}"`,
    `'tab\\t newline\\n unicode \\u00e9 \\u{1F600} hex \\x41 octal-free nul \\0 quote \\' slash \\\\ end'`,
    // A template without substitutions: `$ {`, an escaped backtick and an escaped `${` are text.
    `\`a template { $ { and \\\` and \\\${ ${long(12)}\``,
    `'§ 4.1.18 — “quoted” 😀 ${long(15)}'`,
  ];
  for (const literal of cases) {
    it(`keeps the value of ${literal.slice(0, 40)}...`, () => {
      const code = splitLiteral(literal, 20);
      expect(code).toBeDefined();
      expect(code).toContain(' + ');
      expect(evaluate(code ?? '')).toBe(evaluate(literal));
    });
  }

  it('splits a template around its substitutions, never inside one, keeping its value', () => {
    const literal = `\`${long(8)} \${a + ' and ' + b.x} ${long(8)} \${\`nested \${a}\`} \${b.x}${long(8)}\``;
    const code = splitLiteral(literal, 30) ?? '';
    expect(code).toContain(`\${a + ' and ' + b.x}`);
    const run = (c: string) => new Function('a', 'b', `return (${c});`)(1, { x: 'two words' });
    expect(run(code)).toBe(run(literal));
  });

  it('proves a split by its parts: another substitution or another text is another string', () => {
    // `#{` stands for `${` (a placeholder in a plain string is a lint warning).
    const parts = (code: string) => concatenationParts(code.replaceAll('#{', '${'));
    expect(parts('`a #{x} b`')).toEqual(parts('`a ` + `#{x} b`'));
    expect(parts('`a #{x} b`')).toEqual(parts("'a ' + `#{x}` + ' b'"));
    expect(parts('`a #{x} b`')).not.toEqual(parts('`a ` + `#{y} b`'));
    expect(parts('`a #{x} b`')).not.toEqual(parts('`a` + `#{x} b`'));
    expect(parts('`a #{x}#{y}`')).not.toEqual(parts('`a #{x + y}`'));
    expect(parts('f(`a`)')).toBeUndefined();
  });

  it('cuts in two at the space nearest the middle', () => {
    expect(splitLiteral("'aaa bbb ccc ddd eee'", 'halves')).toBe("'aaa bbb ' + 'ccc ddd eee'");
    expect(splitLiteral("'aaabbbcccdddeee'", 'halves')).toBeUndefined();
  });

  it('leaves a literal with nowhere to cut, or spanning lines, alone', () => {
    expect(splitLiteral(`'${'x'.repeat(200)}'`, 20)).toBeUndefined();
    expect(splitLiteral('`two\nlines and more words`', 5)).toBeUndefined();
  });

  it('keeps the value of any literal at any width (property)', () => {
    const char = fc.constantFrom(
      'a',
      'b',
      ' ',
      ' ',
      '\\',
      "'",
      '"',
      '`',
      '$',
      '{',
      '\n',
      '\t',
      'é',
      '😀',
      '\u2028',
      '\0',
    );
    const quote = fc.constantFrom("'", '"', '`');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 80 }), quote, fc.integer({ min: 3, max: 40 }), (chars, q, width) => {
        const value = chars.join('');
        const literal = q + encode(value, q) + q;
        expect(evaluate(literal)).toBe(value);
        const code = splitLiteral(literal, width);
        if (code !== undefined) expect(evaluate(code)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});

/** `value` escaped for a literal quoted with `q`, the way a person might write it. */
function encode(value: string, q: string): string {
  let out = '';
  for (const c of value) {
    if (c === '\\') out += '\\\\';
    else if (c === q) out += `\\${q}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\0') out += '\\0';
    else if (c === '\u2028') out += '\\u2028';
    else if (c === 'é') out += '\\u00e9';
    else if (c === '$' && q === '`') out += '\\$';
    else out += c;
  }
  return out;
}

describe('wrapSource', () => {
  const text = (s: string) => `${s}\n`;

  it('splits a long property value, and a second run over the laid-out result changes nothing', () => {
    const src = text(`export const x = { hint: '${long(30)}' };`);
    const once = wrapSource(src, 'x.ts');
    expect(once).not.toBe(src);
    // Biome's layout (the script runs it between passes): one piece a line, one level in.
    const formatted = once
      .replace('{ hint: ', '{\n  hint:\n    ')
      .replaceAll(' + ', ' +\n    ')
      .replace(' };', ',\n};');
    expect(formatted.split('\n').every((l) => columns(l) <= 120)).toBe(true);
    expect(wrapSource(formatted, 'x.ts')).toBe(formatted);
    const value = (s: string) => evaluate(s.replace(/^export const x = /, '').replace(/;\n$/, '')) as { hint: string };
    expect(value(once).hint).toBe(value(src).hint);
  });

  it('leaves short lines, tagged templates, types, import paths, keys and `as` operands alone', () => {
    const untouched = [
      `const a = 'short';`,
      `const r = String.raw\`${long(30)}\`;`,
      `type T = '${long(30)}';`,
      `import x from './${long(30).replaceAll(' ', '-')} x.js';`,
      `const o = { '${long(30)}': 1 };`,
      `const c = '${long(30)}' as const;`,
      `const s = '${long(30)}'.length;`,
      `it('${long(30)}', () => {});`,
      `describe.skip('${long(30)}', () => {});`,
    ];
    for (const line of untouched) expect(wrapSource(text(line), 'x.ts'), line).toBe(text(line));
  });

  it('splits an argument, an array element, a return value and an operand of +', () => {
    for (const line of [
      `f('${long(30)}');`,
      `const a = ['${long(30)}'];`,
      `function g() { return '${long(30)}'; }`,
      `const b = 'x' + '${long(30)}' + 1;`,
      `const t = \`${long(30)}\`;`,
      `const u = \`${long(15)} \${t} ${long(15)}\`;`,
    ])
      expect(wrapSource(text(line), 'x.ts'), line).toMatch(/' \+ '|` \+ `/);
  });
});

describe('the rule catalog, wrapped narrow, is the same catalog', () => {
  const dir = fromRoot('spec', 'catalog');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
  const require = createRequire(import.meta.url);

  it('covers every catalog file', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  for (const file of files) {
    it(`${file}: the same records after its literals are split at 60 columns`, async () => {
      const source = readFileSync(`${dir}/${file}`, 'utf8');
      const wrapped = wrapSource(source, file, { max: 60 });
      expect(wrapped, 'something was split').not.toBe(source);
      // The wrapped module, compiled and run (its only import is a type, erased).
      const js = ts.transpileModule(wrapped, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const exports: Record<string, unknown> = {};
      new Function('exports', 'require', js)(exports, require);
      const original = (await import(/* @vite-ignore */ `${dir}/${file}`)) as Record<string, unknown>;
      expect(Object.keys(exports).sort()).toEqual(Object.keys(original).sort());
      expect(JSON.stringify(exports)).toBe(JSON.stringify({ ...original }));
      expect(exports).toEqual({ ...original });
    });
  }
});

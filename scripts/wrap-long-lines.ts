/**
 * Keeps TypeScript lines within 120 columns where Biome cannot: Biome breaks expressions but never
 * a string literal, so a long message, a PEP quotation or a fix hint stays one long line. This
 * script splits such a literal at word boundaries into a concatenation of shorter literals of the
 * same quote kind (`'a b' -> 'a ' + 'b'`, `` `${x} y` -> `${x} ` + `y` ``), then lets Biome lay the
 * concatenation out, and repeats until nothing changes. The value is the same string: each split
 * is re-parsed and its parts (cooked text, and the source of each substitution, in order) compared
 * with the original's before anything is written (scripts/wrap-long-lines.unit.test.ts also
 * evaluates both, and compares the whole rule catalog wrapped at a narrow width).
 *
 * Only what is safe is split: single-line string and template literals, never inside a
 * substitution, never a tagged template (`String.raw` keeps its text), in a position where `a + b` means the
 * same as the literal did (an argument, a property value, an initialiser, a return value, an
 * operand of `+` or a comparison...). Never a type, an import path, a property name or an
 * operand of `as`/`satisfies` (a literal type would become `string`). A word longer than the
 * line (a URL) stays whole. Run over the tracked .ts and .mjs files: `npx tsx scripts/wrap-long-lines.ts`
 * (idempotent; `--check` lists what it would change and exits 1 if anything).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { fromRoot } from '../harness/paths.js';

export const MAX_COLUMNS = 120;

/** Shorter literals are left whole: cutting them would not make room, Biome's breaks do. */
const MIN_SPLIT = 40;

/** Columns of a line: code points (a `§` or `—` is one column, as an editor shows it). */
export const columns = (line: string): number => [...line].length;

/**
 * The raw text of a literal (what stands between its quotes) cut into units that must stay
 * together: one character, or an escape sequence with everything it consumes.
 */
function rawUnits(raw: string): string[] {
  const units: string[] = [];
  for (let i = 0; i < raw.length; ) {
    if (raw[i] !== '\\') {
      const cp = raw.codePointAt(i) ?? 0;
      const n = cp > 0xffff ? 2 : 1;
      units.push(raw.slice(i, i + n));
      i += n;
      continue;
    }
    const rest = raw.slice(i);
    const m =
      /^\\u\{[0-9a-fA-F]+\}/.exec(rest) ??
      /^\\u[0-9a-fA-F]{4}/.exec(rest) ??
      /^\\x[0-9a-fA-F]{2}/.exec(rest) ??
      /^\\[0-7]{1,3}/.exec(rest) ??
      /^\\\r\n/.exec(rest) ??
      /^\\[\s\S]/u.exec(rest);
    const unit = m?.[0] ?? '\\';
    units.push(unit);
    i += unit.length;
  }
  return units;
}

/**
 * `raw` cut after spaces into pieces of at most `width` columns each (a piece ends with its
 * space), or `[raw]` when there is nowhere to cut. Joining the pieces gives `raw` back.
 */
export function splitRaw(raw: string, width: number): string[] {
  return splitUnits(rawUnits(raw), width);
}

/** Units cut after literal spaces into pieces of at most `width` columns (a word too long stays whole). */
function splitUnits(units: string[], width: number): string[] {
  // Words: runs ending after a space (a literal space, never part of an escape).
  const words: string[] = [];
  let word = '';
  for (const u of units) {
    word += u;
    if (u === ' ') {
      words.push(word);
      word = '';
    }
  }
  if (word) words.push(word);
  const pieces: string[] = [];
  let piece = '';
  for (const w of words) {
    if (piece && columns(piece + w) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += w;
  }
  if (piece) pieces.push(piece);
  // A lone space (or spaces) as the last piece would be odd: keep it with the one before.
  while (pieces.length > 1 && (pieces.at(-1) ?? '').trim() === '') {
    const last = pieces.pop() ?? '';
    pieces[pieces.length - 1] += last;
  }
  return pieces;
}

type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

function isTestTitle(call: ts.CallExpression, node: ts.Node): boolean {
  const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : call.expression;
  return call.arguments[0] === node && ts.isIdentifier(callee) && ['it', 'test', 'describe'].includes(callee.text);
}

/** Is `literal -> a + b + c` the same expression here, without parentheses? */
function replaceable(node: Literal): boolean {
  const p = node.parent;
  if (ts.isTaggedTemplateExpression(p)) return false;
  if (ts.isPropertyAssignment(p)) return p.initializer === node;
  if (ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p))
    return p.initializer === node;
  // A test's title stays whole (it reads as one sentence in the source and in the runner's output).
  if (ts.isCallExpression(p) && isTestTitle(p, node)) return false;
  if (ts.isCallExpression(p) || ts.isNewExpression(p)) return p.arguments?.some((a) => a === node) ?? false;
  if (ts.isBinaryExpression(p)) {
    // `+` and anything binding looser than it (comparisons, logic, `??`, assignment, comma).
    const k = p.operatorToken.kind;
    return (
      k === ts.SyntaxKind.PlusToken ||
      k === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      k === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      k === ts.SyntaxKind.EqualsEqualsToken ||
      k === ts.SyntaxKind.ExclamationEqualsToken ||
      k === ts.SyntaxKind.AmpersandAmpersandToken ||
      k === ts.SyntaxKind.BarBarToken ||
      k === ts.SyntaxKind.QuestionQuestionToken ||
      k === ts.SyntaxKind.EqualsToken ||
      k === ts.SyntaxKind.PlusEqualsToken ||
      k === ts.SyntaxKind.CommaToken
    );
  }
  return (
    ts.isArrayLiteralExpression(p) ||
    ts.isReturnStatement(p) ||
    ts.isParenthesizedExpression(p) ||
    ts.isTemplateSpan(p) ||
    ts.isSpreadElement(p) ||
    (ts.isConditionalExpression(p) && p.condition !== node) ||
    (ts.isArrowFunction(p) && p.body === node) ||
    (ts.isElementAccessExpression(p) && p.argumentExpression === node)
  );
}

/**
 * What a snippet of code (a literal, or a `+` chain of literals) concatenates, in order: the
 * cooked text of each literal part and the source of each substitution, adjacent texts merged.
 * Two snippets with the same parts build the same string from the same expressions, in the
 * same order. Undefined when the snippet is anything else.
 */
export function concatenationParts(code: string): string[] | undefined {
  const sf = ts.createSourceFile('piece.ts', `(${code});`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const parts: string[] = [];
  const text = (t: string): void => {
    if (parts.length % 2 === 1) parts[parts.length - 1] += t;
    else parts.push(t);
  };
  const expr = (e: ts.Expression): void => {
    if (parts.length % 2 === 0) parts.push('');
    parts.push(e.getText(sf));
  };
  const walk = (n: ts.Expression): boolean => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return (text(n.text), true);
    if (ts.isTemplateExpression(n)) {
      text(n.head.text);
      for (const span of n.templateSpans) expr(span.expression), text(span.literal.text);
      return true;
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken)
      return walk(n.left) && walk(n.right);
    return false;
  };
  const statement = sf.statements[0];
  if (sf.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return undefined;
  const top = statement.expression;
  if (!ts.isParenthesizedExpression(top) || !walk(top.expression)) return undefined;
  return parts;
}

/**
 * The units of a literal's source between its delimiters: characters, escapes, and for a
 * template each `${...}` substitution whole. Undefined for what cannot be split.
 */
function literalUnits(literal: string): string[] | undefined {
  const quote = literal[0] ?? '';
  if (!["'", '"', '`'].includes(quote) || literal.at(-1) !== quote || /[\r\n]/.test(literal)) return undefined;
  if (quote !== '`') return rawUnits(literal.slice(1, -1));
  const sf = ts.createSourceFile('t.ts', `(${literal});`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const statement = sf.statements[0];
  const top = statement && ts.isExpressionStatement(statement) ? statement.expression : undefined;
  const t = top && ts.isParenthesizedExpression(top) ? top.expression : undefined;
  if (!t || t.getText(sf) !== literal) return undefined;
  if (ts.isNoSubstitutionTemplateLiteral(t)) return rawUnits(literal.slice(1, -1));
  if (!ts.isTemplateExpression(t)) return undefined;
  const src = sf.text;
  const units = rawUnits(src.slice(t.head.getStart(sf) + 1, t.head.end - 2));
  let from = t.head.end - 2;
  for (const span of t.templateSpans) {
    const lit = span.literal;
    units.push(src.slice(from, lit.getStart(sf) + 1)); // `${ expression }`
    const tail = ts.isTemplateTail(lit);
    units.push(...rawUnits(src.slice(lit.getStart(sf) + 1, lit.end - (tail ? 1 : 2))));
    from = lit.end - 2;
  }
  return units;
}

/** Units cut in two at the space nearest their middle. */
function halves(units: string[]): string[] {
  const total = columns(units.join(''));
  let best = -1;
  let bestDistance = Infinity;
  let at = 0;
  for (let i = 0; i < units.length - 1; i++) {
    at += columns(units[i] ?? '');
    if (units[i] === ' ' && Math.abs(total / 2 - at) < bestDistance) {
      best = i + 1;
      bestDistance = Math.abs(total / 2 - at);
    }
  }
  return best < 0 ? [units.join('')] : [units.slice(0, best).join(''), units.slice(best).join('')];
}

/**
 * `literal` written as a concatenation of pieces of at most `width` columns (or, with `'halves'`,
 * of two pieces cut at the space nearest its middle), or undefined when it cannot be cut.
 */
export function splitLiteral(literal: string, width: number | 'halves'): string | undefined {
  const quote = literal[0] ?? '';
  const units = literalUnits(literal);
  if (!units) return undefined;
  const pieces = width === 'halves' ? halves(units) : splitUnits(units, width - 2);
  if (pieces.length < 2) return undefined;
  const code = pieces.map((p) => quote + p + quote).join(' + ');
  // The proof, each time: the pieces build the literal's string from the same parts.
  const before = concatenationParts(literal);
  const after = concatenationParts(code);
  if (!before || JSON.stringify(before) !== JSON.stringify(after))
    throw new Error(`splitting ${literal} would change its value`);
  return code;
}

export interface WrapOptions {
  /** The longest line allowed (120). */
  max?: number;
}

/**
 * The source with every long literal on a line that is too long split into a concatenation
 * (laid out later by Biome). Unchanged text when there is none.
 */
export function wrapSource(text: string, fileName: string, options: WrapOptions = {}): string {
  const max = options.max ?? MAX_COLUMNS;
  const lines = text.split('\n');
  if (!lines.some((l) => columns(l) > max)) return text;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; code: string }[] = [];
  const visit = (n: ts.Node): void => {
    const literal = ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n);
    if (literal && replaceable(n)) {
      const start = n.getStart(sf);
      const { line } = sf.getLineAndCharacterOfPosition(start);
      const endLine = sf.getLineAndCharacterOfPosition(n.end).line;
      const lineText = lines[line] ?? '';
      const indent = lineText.length - lineText.trimStart().length;
      // Pieces go one more level in (Biome's continuation indent), then ` +` or `,` after them.
      // A piece that fits is never cut again at the same indent, so a second run changes nothing.
      const width = max - indent - 2 - 3;
      const source = text.slice(start, n.end);
      if (line === endLine && columns(lineText) > max && columns(source) >= MIN_SPLIT) {
        // One that would fit on a line of its own, where Biome leaves it beside its key or call:
        // in two, so that each half fits where the whole did not.
        // (Not a template with substitutions: Biome keeps two such halves on one line and asks for
        // one template again, lint/style/useTemplate.)
        const code =
          splitLiteral(source, width) ?? (ts.isTemplateExpression(n) ? undefined : splitLiteral(source, 'halves'));
        if (code) return void edits.push({ start, end: n.end, code });
      }
    }
    // Not into a template's substitutions: a piece cut there stays on the template's line.
    if (ts.isTemplateExpression(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.code + out.slice(e.end);
  return out;
}

/** The tracked files this script rewrites. */
export function trackedSources(root = fromRoot()): string[] {
  const r = spawnSync('git', ['ls-files', '-z', '--', '*.ts', '*.mts', '*.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  return r.stdout.split('\0').filter(Boolean);
}

function biomeFormat(root: string, files: string[]): void {
  const biome = `${root}/node_modules/.bin/biome`;
  for (let i = 0; i < files.length; i += 100) {
    const r = spawnSync(biome, ['format', '--write', '--no-errors-on-unmatched', ...files.slice(i, i + 100)], {
      cwd: root,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`biome format failed:\n${r.stdout}${r.stderr}`);
  }
}

/** Split, format, and again, until a pass changes nothing. Returns the files changed. */
export function wrapRepository(root = fromRoot(), write = true): string[] {
  const changed = new Set<string>();
  for (let pass = 0; pass < 6; pass++) {
    const now: string[] = [];
    for (const file of trackedSources(root)) {
      const path = `${root}/${file}`;
      const before = readFileSync(path, 'utf8');
      const after = wrapSource(before, file);
      if (after === before) continue;
      now.push(file);
      if (write) writeFileSync(path, after);
    }
    if (!now.length) break;
    for (const f of now) changed.add(f);
    if (!write) break;
    biomeFormat(root, now);
  }
  return [...changed].sort();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const check = process.argv.includes('--check');
  const changed = wrapRepository(fromRoot(), !check);
  for (const f of changed) console.log(`${check ? 'would wrap' : 'wrapped'}: ${f}`);
  console.log(`${changed.length} file(s) ${check ? 'to wrap' : 'wrapped'}`);
  if (check && changed.length) process.exitCode = 1;
}

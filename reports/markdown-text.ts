/**
 * Escaping for GitHub-flavoured Markdown. Implementation strings go into code spans or
 * fenced blocks, whose content GitHub shows literally (no HTML, no emphasis, no @mentions
 * or #references); the suite's own texts (quotes, hints) are Markdown with HTML escaped.
 */
import { visible } from './text.js';
import type { Verdict } from './view.js';

export const ICON: Readonly<Record<Verdict, string>> = {
  fail: '❌',
  warn: '⚠️',
  note: 'ℹ️',
  expected: '⭕',
  error: '💥',
  pass: '✅',
  skip: '➖',
};

function fence(s: string, tick: string, min: number): string {
  const longest = Math.max(0, ...(s.match(new RegExp(`${tick}+`, 'g')) ?? []).map((m) => m.length));
  return tick.repeat(Math.max(min, longest + 1));
}

/** One line of implementation text as a code span; in a table cell pipes are escaped (GFM tables). */
export function code(s: string, { table = false, max = 300 } = {}): string {
  let v = visible(s).replace(/\n/g, ' ↵ ');
  if (v.length > max) v = `${v.slice(0, max)}…`;
  if (table) v = v.replace(/\|/g, '\\|');
  const f = fence(v, '`', 1);
  // One space each side is stripped by the renderer, so content starting with a backtick is safe.
  return `${f} ${v} ${f}`;
}

/** A fenced code block, for transcripts and commands: GitHub shows it verbatim, with a copy button. */
export function block(s: string): string {
  const v = visible(s);
  const f = fence(v, '`', 3);
  return `${f}\n${v}\n${f}`;
}

/** The suite's own text (catalog quotes and hints use `code` Markdown): HTML escaped, one paragraph. */
export function prose(s: string, { table = false } = {}): string {
  const v = visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
  return table ? v.replace(/\|/g, '\\|') : v;
}

/** Text inside an HTML element such as <summary>, where Markdown is not parsed. */
export function html(s: string): string {
  return visible(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/** A table row from cells already escaped for a table. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

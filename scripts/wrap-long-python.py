"""Wraps Python lines longer than 120 columns where that is safe, the Python counterpart of
scripts/wrap-long-lines.ts: a line with commas inside brackets is broken after the last comma that
fits (continued under the bracket), a full-line comment or a line of the module docstring is
re-filled (a `Rule:    ` or `Server:  ` label gets a hanging indent), and a one-line string literal
is cut after a space or a `\\n` escape into adjacent literals, which Python joins when it compiles
them (`'a b' -> ('a ' 'b')`, parenthesised when not already inside brackets). Each file's AST must
be the same before and after, docstring whitespace aside, or the file is left as it was; a cut
string must leave it exactly the same.

Usage: /usr/bin/python3 scripts/wrap-long-python.py [FILE...]   (default: every tracked .py file)
Idempotent. After it, `npm run repro:sync` must report nothing to rewrite (the reproductions'
shared plumbing is kept in docs/findings/repro-plumbing*.txt).
"""
import ast
import io
import re
import subprocess
import sys
import textwrap
import tokenize

MAX = 120

def norm(src):
    t = ast.parse(src)
    for n in ast.walk(t):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            n.value = ' '.join(n.value.split())
    return ast.dump(t)

def docstring_lines(src):
    t = ast.parse(src)
    if t.body and isinstance(t.body[0], ast.Expr) and isinstance(getattr(t.body[0], 'value', None), ast.Constant) \
            and isinstance(t.body[0].value.value, str):
        return range(t.body[0].lineno, t.body[0].end_lineno + 1)
    return range(0)

def fix_once(src):
    lines = src.split('\n')
    doc = docstring_lines(src)
    toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
    # bracket stack per token
    stack = []
    commas = {}  # line -> list of (endcol, align)
    strings_multi = set()
    strings = {}  # line -> list of (one-line string token, inside brackets?)
    for tok in toks:
        if tok.type == tokenize.STRING and tok.start[0] != tok.end[0]:
            for ln in range(tok.start[0], tok.end[0] + 1):
                strings_multi.add(ln)
        elif tok.type == tokenize.STRING:
            strings.setdefault(tok.start[0], []).append((tok, bool(stack)))
        if tok.type == tokenize.OP and tok.string in '([{':
            stack.append(tok.start)
        elif tok.type == tokenize.OP and tok.string in ')]}':
            stack.pop()
        elif tok.type == tokenize.OP and tok.string == ',' and stack:
            commas.setdefault(tok.start[0], []).append((tok.end[1], stack[-1]))
    for i, line in enumerate(lines, 1):
        if len(line) <= MAX:
            continue
        if i in doc:
            m = re.match(r'^(\s*)(?:"""|\'\'\')?([A-Z][\w -]{0,12}:\s+)?', line)
            lead = m.group(1) if m else ''
            hang = ' ' * len(m.group(0)) if m and m.group(2) else lead
            wrapped = textwrap.wrap(line, width=MAX - 2, subsequent_indent=hang,
                                    break_long_words=False, break_on_hyphens=False, drop_whitespace=True)
            if len(wrapped) > 1:
                lines[i - 1:i] = wrapped
                return '\n'.join(lines)
            continue
        if i in strings_multi:
            continue
        stripped = line.lstrip()
        # A directive comment (`# routes: ...`, `# expect-fail: ...`) is read by the tests as one line.
        if re.match(r'#\s*[\w-]+:', stripped):
            continue
        if stripped.startswith('#'):
            lead = line[:len(line) - len(stripped)]
            wrapped = textwrap.wrap(stripped[1:].strip(), width=MAX - len(lead) - 2,
                                    break_long_words=False, break_on_hyphens=False)
            if len(wrapped) > 1:
                lines[i - 1:i] = [lead + '# ' + w for w in wrapped]
                return '\n'.join(lines)
            continue
        cands = [(end, open_) for end, open_ in commas.get(i, []) if end <= MAX - 2 and line[end:].strip()]
        if cands:
            end, (oline, ocol) = cands[-1]
            align = ocol + 1 if oline == i else len(line) - len(line.lstrip()) + 4
            rest = line[end:].lstrip()
            if align + len(rest) < len(line) and align < end:
                lines[i - 1:i] = [line[:end].rstrip(), ' ' * align + rest]
                return '\n'.join(lines)
        for tok, bracketed in reversed(strings.get(i, [])):
            following = next((t for t in toks if t.start > tok.end and t.type not in SKIPPED), None)
            cut = split_string(src, lines, i, line, tok, bracketed, following)
            if cut is not None:
                return cut
    return None


STRING_START = re.compile(r'([A-Za-z]*)(\'|")')
SKIPPED = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
# A string outside brackets is parenthesised only where that reads well: a statement of its own,
# an assignment's value or a return value.
UNBRACKETED = re.compile(r'^\s*((return|yield)\s+|[\w.]+(\[[^]]*\])?\s*=\s*)?$')


def cut_points(prefix, body):
    """Offsets in a literal's body after which it may be cut: after a space or a `\\n` escape,
    never inside an escape sequence, an f-string's replacement field or a `code span`. Each as
    (offset, newline?)."""
    raw, fmt = 'r' in prefix.lower(), 'f' in prefix.lower()
    out, k, depth, code = [], 0, 0, False
    while k < len(body):
        c = body[k]
        if c == '\\':
            m = re.match(r'\\N\{[^}]*\}', body[k:]) if not raw else None
            unit = m.group(0) if m else body[k:k + 2]
        elif fmt and body.startswith(('{{', '}}'), k) and depth == 0:
            unit = body[k:k + 2]
        else:
            unit = c
        if fmt and unit == '{':
            depth += 1
        elif fmt and unit == '}':
            depth -= 1
        k += len(unit)
        if unit == '`' and depth == 0:
            code = not code
        if depth == 0 and not code and k < len(body) and (unit == ' ' or (unit == '\\n' and not raw)):
            out.append((k, unit == '\\n'))
    return out


def split_string(src, lines, i, line, tok, bracketed, following):
    """The source with the one-line string `tok` on line i cut in two so that line i fits, or None.
    The cut-off end goes to a line of its own, or to the front of the literal that continues this
    one on the next line (reflowing the concatenation)."""
    m = STRING_START.match(tok.string)
    if not m or tok.string.startswith(m.group(0) + m.group(2) * 2):  # triple-quoted: left alone
        return None
    before, after = line[:tok.start[1]], line[tok.end[1]:]
    if not bracketed and not UNBRACKETED.match(before):
        return None
    opening, quote = m.group(0), m.group(2)
    body = tok.string[len(opening):-1]
    start = tok.start[1] + (0 if bracketed else 1)  # the literal's column, after an added `(`
    # The cut leaves line i as: the text before the literal, [`(`], opening + body[:k] + quote.
    room = MAX - start - len(opening) - 1
    points = [(k, nl) for k, nl in cut_points(m.group(1), body) if 20 <= k <= room]
    # A tail of a few characters reads badly: cut earlier when that leaves more on the next line.
    points = [p for p in points if len(body) - p[0] >= 12] or points
    if not points:
        return None
    newlines = [p for p in points if p[1] and p[0] >= room // 2]
    k = (newlines or points)[-1][0]
    head = opening + body[:k] + quote
    merge = (bracketed and not after.strip() and following is not None and following.type == tokenize.STRING
             and following.start[0] == i + 1 and following.string.startswith(opening)
             and not lines[i][:following.start[1]].strip() and STRING_START.match(following.string).group(0) == opening)
    if merge:
        nxt = lines[i]
        second = nxt[:following.start[1]] + opening + body[k:] + following.string[len(opening):]
        second += nxt[following.end[1]:]
        new = lines[:i - 1] + [(before + head).rstrip(), second] + lines[i + 1:]
    else:
        indent = len(line) - len(line.lstrip())
        align = start if start <= MAX // 2 else indent + 8
        tail = opening + body[k:] + quote
        if not bracketed:
            head, tail = '(' + head, tail + ')'
        second = ' ' * align + tail + after
        if len(second) >= len(line):
            return None
        new = lines[:i - 1] + [(before + head).rstrip(), second] + lines[i:]
    out = '\n'.join(new)
    try:
        same = ast.dump(ast.parse(out)) == ast.dump(ast.parse(src))
    except SyntaxError:
        same = False
    return out if same else None


def tracked():
    out = subprocess.run(['git', 'ls-files', '-z', '--', '*.py'], check=True, capture_output=True, text=True).stdout
    return [f for f in out.split('\0') if f and f != 'fixtures/apps/hostile/syntax_error.py']


for path in sys.argv[1:] or tracked():
    with open(path) as f:
        src = f.read()
    before = norm(src)
    cur = src
    for _ in range(50):
        nxt = fix_once(cur)
        if nxt is None:
            break
        if norm(nxt) != before:
            print('left as it was (its AST would change):', path, file=sys.stderr)
            break
        cur = nxt
    if cur != src:
        assert norm(cur) == before
        with open(path, 'w') as f:
            f.write(cur)
        print('wrapped:', path)

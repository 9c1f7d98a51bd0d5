"""Wraps Python lines longer than 120 columns where that is safe, the Python counterpart of
scripts/wrap-long-lines.ts: a line with commas inside brackets is broken after the last comma that
fits (continued under the bracket), a full-line comment or a line of the module docstring is
re-filled (a `Rule:    ` or `Server:  ` label gets a hanging indent). Each file's AST must be the
same before and after, docstring whitespace aside, or the file is left as it was.

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
    for tok in toks:
        if tok.type == tokenize.STRING and tok.start[0] != tok.end[0]:
            for ln in range(tok.start[0], tok.end[0] + 1):
                strings_multi.add(ln)
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
    return None

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

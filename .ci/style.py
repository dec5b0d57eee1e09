"""Layout rules of the exported package, and two notebook fixers that keep the code's AST unchanged.

    python .ci/style.py --check [--only RULE] [FILES...]   check mscvit/*.py (or FILES); exit 1 on any violation
    python .ci/style.py --fix-semicolons [--dry-run] [NOTEBOOKS...]   one statement per line in code cells
    python .ci/style.py --fix-long [--dry-run] [NOTEBOOKS...]         black (line length 120) on over-long statements

Rules (`--only` takes one of these names):
  module-length    no module over 500 lines
  function-length  no function or method (def / async def, nested too) over 60 lines, decorators excluded
  line-length      no line over 120 characters, except the lines nbdev generates from the notebook (the module
                   docstring on line 1, taken from the notebook's `>` description, and the `__all__` list)
  one-statement    no line with two or more `;`-separated statements, nor a compound statement whose inline body has
                   several statements (`if x: a; b`); a trivial guard (`if x: return y`) is allowed; no stray `;`
  docstring        the module's first statement is a non-empty docstring saying what it holds

The fixers rewrite code cells of notebooks (default: every nbs/*.ipynb) and keep a cell only when
`ast.dump(ast.parse(old)) == ast.dump(ast.parse(new))`; cells with magics or that do not parse are left as they are.
Notebooks are written back as nbdev writes them (indent 1, ensure_ascii=False, trailing newline).
Checking needs only the standard library; `--fix-long` needs `black`.
"""
from __future__ import annotations

import argparse
import ast
import configparser
import io
import json
import re
import sys
import tokenize
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE, MAX_FUNC, MAX_LINE, INDENT = 500, 60, 120, '    '
RULES = ('module-length', 'function-length', 'line-length', 'one-statement', 'docstring')
SKIP_MODULES = {'_modidx.py'}  # nbdev's generated symbol index


def _settings():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / 'settings.ini')
    d = cfg['DEFAULT'] if 'DEFAULT' in cfg else {}
    return ROOT / d.get('lib_path', 'mscvit'), ROOT / d.get('nbs_path', 'nbs')


# ---------------------------------------------------------------- shared helpers

def split_lines(text: str) -> list[str]:
    "Lines of `text` with their '\\n' (only '\\n' ends a line, as in notebook sources and ast line numbers)."
    parts = text.split('\n')
    out = [p + '\n' for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


class Source:
    "Text of a cell or module with ast line/column (UTF-8 byte) positions mapped to string offsets."

    def __init__(self, text: str):
        self.text = text
        self.lines = split_lines(text)
        self.starts, pos = [], 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line)
        self.starts.append(pos)

    def line(self, lineno: int) -> str:
        return self.lines[lineno - 1] if 0 < lineno <= len(self.lines) else ''

    def col(self, lineno: int, byte_col: int) -> int:
        "Character column of an ast (UTF-8 byte) column."
        return len(self.line(lineno).encode('utf-8')[:byte_col].decode('utf-8', 'replace'))

    def off(self, lineno: int, byte_col: int) -> int:
        return self.starts[lineno - 1] + self.col(lineno, byte_col)

    def start(self, node) -> int:
        return self.off(node.lineno, node.col_offset)

    def end(self, node) -> int:
        return self.off(node.end_lineno, node.end_col_offset)

    def tokens(self):
        "Tokens with absolute start/end offsets (tokenize columns are characters)."
        out = []
        for t in tokenize.generate_tokens(io.StringIO(self.text).readline):
            if t.type == tokenize.ENDMARKER:
                break
            s = self.starts[t.start[0] - 1] + t.start[1] if t.start[0] <= len(self.lines) else len(self.text)
            e = self.starts[t.end[0] - 1] + t.end[1] if t.end[0] <= len(self.lines) else len(self.text)
            out.append((t, s, e))
        return out


def stmt_blocks(tree):
    "(parent, field, statements) for every statement list in the tree."
    for node in ast.walk(tree):
        for field in ('body', 'orelse', 'finalbody'):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield node, field, block


def header_line(parent) -> int:
    "The line of the header that owns a block (match_case has no position of its own)."
    if isinstance(parent, getattr(ast, 'match_case', ())):
        return parent.pattern.lineno
    return parent.lineno


def chains(block):
    "Runs of 2+ consecutive statements of a block that share lines (`a; b`)."
    run = [block[0]]
    for prev, nxt in zip(block, block[1:]):
        if nxt.lineno == prev.end_lineno:
            run.append(nxt)
        else:
            if len(run) > 1:
                yield run
            run = [nxt]
    if len(run) > 1:
        yield run


def is_inline(src: Source, block) -> bool:
    "True when the block's first statement sits on its header's line (`if x: a`)."
    first = block[0]
    return src.line(first.lineno)[:src.col(first.lineno, first.col_offset)].strip() != ''


def leading_ws(line: str) -> str:
    return line[:len(line) - len(line.lstrip(' \t'))]


def same_ast(old: str, new: str) -> bool:
    try:
        return ast.dump(ast.parse(old)) == ast.dump(ast.parse(new))
    except SyntaxError:
        return False


def _kind(node) -> str:
    return {'ExceptHandler': 'except', 'FunctionDef': 'def', 'AsyncFunctionDef': 'async def', 'AsyncFor': 'async for',
            'AsyncWith': 'async with'}.get(type(node).__name__, type(node).__name__.lower())


# ---------------------------------------------------------------- --check

def _generated_lines(lines:list) -> set:
    "Line numbers nbdev writes itself: the module docstring on line 1 and the `__all__` list."
    out = {1} if lines and lines[0].startswith('"""') else set()
    for i, line in enumerate(lines, 1):
        if line.startswith('__all__ = ['):
            j = i
            while j <= len(lines) and not lines[j - 1].rstrip().endswith(']'):
                out.add(j)
                j += 1
            out.add(j)
    return out


def check_module(path: Path, text: str, only=None):
    "[(rule, line, message)] for one module."
    out = []
    lines = text.splitlines()
    if only in (None, 'module-length') and len(lines) > MAX_MODULE:
        out.append(('module-length', 1, f'{len(lines)} lines (max {MAX_MODULE})'))
    if only in (None, 'line-length'):
        generated = _generated_lines(lines)
        for i, line in enumerate(lines, 1):
            if len(line) > MAX_LINE and i not in generated:
                out.append(('line-length', i, f'{len(line)} characters (max {MAX_LINE})'))
    try:
        tree = ast.parse(text, str(path))
    except SyntaxError as e:
        return out + [('syntax', e.lineno or 1, f'does not parse: {e.msg}')]
    src = Source(text)
    if only in (None, 'function-length'):
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNC:
                    out.append(('function-length', node.lineno, f'{_qualname(tree, node)}: {n} lines (max {MAX_FUNC})'))
    if only in (None, 'docstring'):
        doc = ast.get_docstring(tree, clean=False)
        first = tree.body[0] if tree.body else None
        if doc is None:
            what = 'no statements' if first is None else f'first statement: {type(first).__name__}, line {first.lineno}'
            out.append(('docstring', 1, f'no module docstring ({what})'))
        elif not doc.strip():
            out.append(('docstring', tree.body[0].lineno, 'empty module docstring'))
    if only in (None, 'one-statement'):
        out += one_statement_violations(src, tree)
    return out


def _qualname(tree, target) -> str:
    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            name = getattr(child, 'name', None)
            if child is target:
                return prefix + target.name
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found = walk(child, prefix + name + '.')
            else:
                found = walk(child, prefix)
            if found:
                return found
        return None
    return walk(tree, '') or target.name


def one_statement_violations(src: Source, tree):
    out, seen = [], set()
    for parent, field, block in stmt_blocks(tree):
        for run in chains(block):
            line = run[0].lineno
            if is_inline(src, block) and run[0] is block[0]:
                what = 'else' if field == 'orelse' else 'finally' if field == 'finalbody' else _kind(parent)
                msg = f'inline body of `{what}` with {len(run)} statements'
            else:
                msg = f'{len(run)} statements on one line'
            out.append(('one-statement', line, msg))
            seen.update(range(run[0].lineno, run[-1].end_lineno + 1))
    # a `;` with nothing after it on its logical line (not counted above)
    toks = [t for t, _, _ in src.tokens() if t.type not in (tokenize.COMMENT, tokenize.NL)]
    for t, nxt in zip(toks, toks[1:] + [None]):
        if t.type == tokenize.OP and t.string == ';' and (nxt is None or nxt.type == tokenize.NEWLINE):
            if t.start[0] not in seen:
                out.append(('one-statement', t.start[0], "stray ';' at the end of a statement"))
    return out


def run_check(files, only):
    total, per_rule = 0, Counter()
    for path in files:
        text = path.read_text(encoding='utf-8')
        try:
            shown = path.resolve().relative_to(ROOT)
        except ValueError:
            shown = path
        for rule, line, msg in sorted(check_module(path, text, only), key=lambda v: (v[1], v[0])):
            print(f'{shown}:{line}: [{rule}] {msg}')
            per_rule[rule] += 1
            total += 1
    print(f'\n{total} violation(s) in {len(files)} module(s)')
    for rule in ([only] if only else list(RULES)) + (['syntax'] if per_rule['syntax'] else []):
        print(f'  {rule:16s} {per_rule[rule]}')
    return 1 if total else 0


# ---------------------------------------------------------------- notebooks

def read_nb(path: Path):
    return json.loads(path.read_text(encoding='utf-8'))


def write_nb(path: Path, nb):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write('\n')


def cell_text(cell) -> str:
    s = cell.get('source', '')
    return ''.join(s) if isinstance(s, list) else s


def set_cell_text(cell, text: str):
    cell['source'] = split_lines(text) if isinstance(cell.get('source'), list) else text


def parse_cell(text: str):
    "(tree, None) or (None, why it is skipped)."
    try:
        return ast.parse(text), None
    except SyntaxError as e:
        magic = any(l.lstrip().startswith(('%', '!')) for l in text.split('\n'))
        return None, 'magic' if magic else f'does not parse ({e.msg}, line {e.lineno})'


def cell_name(i: int, cell) -> str:
    return f"cell {i}" + (f" (id {cell['id']})" if 'id' in cell else '')


def fix_notebooks(paths, fixer, dry_run):
    tot = Counter()
    for path in paths:
        nb = read_nb(path)
        changed = False
        for i, cell in enumerate(nb.get('cells', [])):
            if cell.get('cell_type') != 'code':
                continue
            old = cell_text(cell)
            new, st, notes = fixer(old)
            where = f'{path}: {cell_name(i, cell)}'
            for note in notes:
                print(f'{where}: {note}')
            tot.update(st)
            if new != old:
                if not same_ast(old, new):  # the fixers check this already; never write a cell that fails it
                    print(f'{where}: REFUSED, AST differs after rewriting; cell left as it was')
                    tot['refused cells'] += 1
                    continue
                set_cell_text(cell, new)
                changed = True
                tot['cells changed'] += 1
        if changed:
            tot['notebooks changed'] += 1
            if not dry_run:
                write_nb(path, nb)
    print('\n' + ', '.join(f'{k}: {v}' for k, v in sorted(tot.items())) if tot else '\nnothing to do')
    return tot


# ---------------------------------------------------------------- --fix-semicolons

def fix_semicolons(text: str):
    "(new text, counts, notes): every `;`-chained statement on its own line; inline bodies of 2+ become blocks."
    if ';' not in text:
        return text, Counter(), []
    tree, why = parse_cell(text)
    if tree is None:
        return text, Counter({'skipped cells with ;': 1}), [f'skipped ({why}); has a `;`']
    src = Source(text)
    edits, problems = [], []
    for parent, field, block in stmt_blocks(tree):
        inline = is_inline(src, block)
        for run in chains(block):
            if inline and run[0] is block[0]:
                indent = leading_ws(src.line(header_line(parent))) + INDENT
                first = run[0]
                before = src.line(first.lineno)[:src.col(first.lineno, first.col_offset)]
                if not before.rstrip().endswith(':'):
                    problems.append(f'line {first.lineno}: inline body not after a `:` on its line; left as is')
                    continue
                colon = src.starts[first.lineno - 1] + len(before.rstrip())
                edits.append((colon, src.start(first), '\n' + indent))
            else:
                first = run[0]
                indent = src.line(first.lineno)[:src.col(first.lineno, first.col_offset)]
                if indent.strip():
                    problems.append(f'line {first.lineno}: chain does not start a line; left as is')
                    continue
            for prev, nxt in zip(run, run[1:]):
                a, b = src.end(prev), src.start(nxt)
                gap = text[a:b]
                if gap.count(';') != 1 or gap.replace(';', '').replace('\\\n', '').strip(' \t'):
                    problems.append(f'line {nxt.lineno}: unexpected text between statements {gap!r}; left as is')
                    continue
                edits.append((a, b, '\n' + indent))
    if not edits:
        return text, Counter(), problems
    new = text
    for a, b, rep in sorted(edits, reverse=True):
        new = new[:a] + rep + new[b:]
    if not same_ast(text, new):
        problems.append('REFUSED: AST differs after splitting; cell left as it was')
        return text, Counter({'refused cells': 1}), problems
    lines_hit = {text.count('\n', 0, a) + 1 for a, _, _ in edits}
    st = Counter({'lines split': len(lines_hit), 'lines added': new.count('\n') - text.count('\n')})
    return new, st, problems


# ---------------------------------------------------------------- --fix-long

HEADER_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
                ast.With, ast.AsyncWith)
_MODE = None


def black_format(seg: str, indent: str, stub: bool = False):
    "`seg` (one statement, or a compound header when `stub`) formatted by black at `indent`; None if black cannot."
    global _MODE
    import black
    if _MODE is None:
        _MODE = black.Mode(line_length=MAX_LINE, string_normalization=False)
    depth = len(indent) // 4
    if indent != ' ' * (4 * depth):
        return None
    wrap = ''.join(' ' * (4 * i) + 'if 1:\n' for i in range(depth))
    src = wrap + indent + seg + '\n' + (indent + INDENT + 'pass\n' if stub else '')
    try:
        out = black.format_str(src, mode=_MODE)
    except Exception:
        return None
    lines = out.split('\n')[:-1]
    if lines[:depth] != wrap.split('\n')[:-1]:
        return None
    body = lines[depth:]
    while body and not body[0].strip():  # black puts a blank line before a nested def
        body.pop(0)
    if stub:
        if not body or body[-1] != indent + INDENT + 'pass':
            return None
        body = body[:-1]
    if not body or not body[0].startswith(indent) or any(not l.strip() for l in body):
        return None
    return '\n'.join(body)[len(indent):]


def wrap_import(node, indent: str, src: Source, toks):
    """`from X import (a, b,\n                c)`: names filled up to 120 columns, the layout nbdev's relative-import
    rewrite needs (black puts `)` alone on the last line, and nbdev then keeps the absolute import)."""
    a, b = src.start(node), src.end(node)
    if any(t.type == tokenize.COMMENT and a < s < b for t, s, _ in toks) or any(n.name == '*' for n in node.names):
        return None
    names = [n.name + (f' as {n.asname}' if n.asname else '') for n in node.names]
    head = f"from {'.' * node.level}{node.module or ''} import "
    one = indent + head + ', '.join(names)
    if len(one) <= MAX_LINE:
        return one[len(indent):]
    lines, cur = [], indent + head + '('
    pad = ' ' * len(cur)
    for i, name in enumerate(names):
        piece = name + (')' if i == len(names) - 1 else ',')
        cand = cur + piece if i == 0 else cur + ' ' + piece
        if i and len(cand) > MAX_LINE:
            lines.append(cur)
            cand = pad + piece
        cur = cand
    lines.append(cur)
    return '\n'.join(lines)[len(indent):]


def nbdev_import_misses(text: str) -> int:
    """Top-level `from X import` statements that nbdev's relative-import rewrite (maker.update_import) would miss:
    it slices the import's FIRST line with the LAST line's end column, so the module name must lie in that slice."""
    src, misses = Source(text), 0
    for imp in ast.parse(text).body:
        if isinstance(imp, ast.ImportFrom):
            sec = src.line(imp.lineno).encode('utf-8')[imp.col_offset:imp.end_col_offset].decode('utf-8', 'replace')
            misses += not re.search(f"from +{re.escape('.' * imp.level + (imp.module or ''))}", sec)
    return misses


def _parents(tree):
    par = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            par[child] = node
    return par


def _header_colon(toks, start: int):
    "Offset just after the `:` that ends a compound header starting at `start`, and its token."
    depth = 0
    for t, s, e in toks:
        if s < start or t.type != tokenize.OP:
            continue
        if t.string in '([{':
            depth += 1
        elif t.string in ')]}':
            depth -= 1
        elif t.string == ':' and depth == 0:
            return e, t
    return None, None


def _is_elif(src: Source, node) -> bool:
    return isinstance(node, ast.If) and src.text[src.start(node):].startswith('elif')


class _LongFixer:
    "Finds what to reformat for each over-long line of one cell, then applies the edits bottom-up, one by one."

    def __init__(self, text: str, tree):
        self.text, self.src, self.tree = text, Source(text), tree
        self.toks = self.src.tokens()
        self.long = [i for i, l in enumerate(self.src.lines, 1) if len(l.rstrip('\n')) > MAX_LINE]
        self.par = _parents(tree)
        self.stmts = [n for n in ast.walk(tree) if isinstance(n, ast.stmt)]
        self.in_string = set()
        for t, _, _ in self.toks:
            if t.type == tokenize.STRING and t.end[0] > t.start[0]:
                self.in_string.update(range(t.start[0] + 1, t.end[0] + 1))
        self.comment_lines = {t.start[0] for t, _, _ in self.toks if t.type == tokenize.COMMENT}
        self.targets, self.notes, self.st = {}, [], Counter()

    def human(self, lines, why):
        for l in [lines] if isinstance(lines, int) else [x for x in self.long if x in lines]:
            self.notes.append(f'line {l} ({len(self.src.line(l).rstrip())} chars) left for a human: {why}: '
                              f'{self.src.line(l).strip()[:70]!r}')
            self.st['long lines left'] += 1

    def classify(self, l: int):
        "Add the edit that would fix line `l` to `targets`, or say why a human must."
        src = self.src
        if l not in self.in_string and src.line(l).lstrip().startswith('#'):
            return self.human(l, 'comment')
        inner = [n for n in self.stmts if n.lineno <= l <= n.end_lineno]
        if not inner:
            return self.human(l, 'not in a statement')
        node = min(inner, key=lambda n: (n.end_lineno - n.lineno, -n.col_offset))
        parent = self.par.get(node)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return self.human(l, 'docstring or bare string')
        if hasattr(node, 'body'):  # compound: the line is in its header or a clause line (else/except/...)
            colon, _ = _header_colon(self.toks, src.start(node))
            if colon is None or not isinstance(node, HEADER_TYPES) or _is_elif(src, node):
                return self.human(l, f'`{_kind(node)}` clause header')
            cline = src.text.count('\n', 0, colon) + 1
            if l > cline:
                return self.human(l, f'line of a `{_kind(node)}` clause (else/except/finally) or its header')
            first = node.body[0]
            if first.lineno != cline:
                self.targets[node] = ('header', cline)
            elif len(node.body) == 1 and not hasattr(first, 'body'):
                self.targets[node] = ('guard', first)
            else:
                self.human(l, 'inline body with several statements; run --fix-semicolons first')
            return None
        if src.line(node.lineno)[:src.col(node.lineno, node.col_offset)].strip():  # shares its first line
            if (isinstance(parent, HEADER_TYPES) and parent.body == [node] and node.lineno == parent.lineno
                    and not _is_elif(src, parent)):
                self.targets[parent] = ('guard', node)
            elif any(getattr(parent, f, None) == [node] for f in ('body', 'orelse', 'finalbody')):
                self.targets[node] = ('clause', parent)  # `except E: stmt`, `else: stmt`, `try: stmt`, `elif c: stmt`
            else:
                self.human(l, 'shares its line with another statement; run --fix-semicolons first')
            return None
        self.targets[node] = ('simple', node)
        return None

    def edit(self, node, kind, extra):
        "(start, end, replacement, lines spanned) for one target, or (None, None, reason, lines spanned)."
        src = self.src
        a = src.start(node)
        indent = src.line(node.lineno)[:src.col(node.lineno, node.col_offset)]
        last = extra if kind == 'header' else node.end_lineno if kind == 'clause' else extra.end_lineno
        span = range(node.lineno, last + 1)
        if kind == 'header':  # the segment keeps a comment after the colon
            seg = src.text[a:src.starts[last] - 1].rstrip()
            return (a, src.starts[last] - 1, *self.finish(black_format(seg, indent, stub=True), '', indent, span), span)
        end_node = node if kind == 'clause' else extra
        if kind == 'clause':  # the body goes on its own line under the clause header, 4 spaces deeper
            before = src.line(node.lineno)[:src.col(node.lineno, node.col_offset)].rstrip()
            if not before.endswith(':'):
                return None, None, None, 'inline body not right after its `:`', span
            a = src.starts[node.lineno - 1] + len(before)
            indent = leading_ws(src.line(header_line(extra))) + INDENT
        b = src.end(end_node)
        line_end = src.starts[end_node.end_lineno]
        line_end -= src.text[line_end - 1:line_end] == '\n'
        rest = src.text[b:line_end]
        rest_code = rest.split('#', 1)[0] if end_node.end_lineno in self.comment_lines else rest
        if rest_code.strip() not in ('', ';'):
            return None, None, None, 'followed by another statement on its line; run --fix-semicolons first', span
        if isinstance(node, ast.ImportFrom):
            rep = wrap_import(node, indent, src, self.toks)
        else:
            rep = black_format(src.text[src.start(node) if kind == 'clause' else a:b], indent)
        rep, why = self.finish(rep, rest.rstrip(), indent, span)
        if kind == 'clause' and rep is not None:
            rep = '\n' + indent + rep
        return a, line_end, rep, why, span

    def finish(self, rep, rest, indent, span):
        "(replacement text with `rest` (`;`, trailing comment) appended, None) or (None, reason for a human)."
        if rep is None:
            return None, 'black cannot format it alone'
        full = (indent + rep).split('\n')
        full[-1] += rest
        if len(full[-1]) > MAX_LINE and '#' in rest:  # the trailing comment goes above the statement
            code, comment = rest.split('#', 1)
            full[-1] = full[-1][:len(full[-1]) - len(rest)] + code.strip()
            full.insert(0, indent + '#' + comment)
        if any(len(x) > MAX_LINE for x in full):
            return None, 'black leaves a line over 120 (long string or comment?)'
        if full == [x.rstrip('\n') for x in self.src.lines[span[0] - 1:span[-1]]]:
            return None, 'black leaves it as it is'
        return '\n'.join(full)[len(indent):], None

    def run(self):
        for l in self.long:
            self.classify(l)
        new = self.text  # bottom-up, so that earlier offsets stay valid; each edit checked on its own
        for node, (kind, extra) in sorted(self.targets.items(), key=lambda kv: -self.src.start(kv[0])):
            a, b, rep, why, span = self.edit(node, kind, extra)
            if rep is None:
                self.human(span, why)
                continue
            cand = new[:a] + rep + new[b:]
            if nbdev_import_misses(cand) > nbdev_import_misses(new):
                self.human(span, "nbdev's relative-import rewrite would miss the reformatted import")
            elif not same_ast(new, cand):
                self.human(span, 'REFUSED: AST differs after reformatting')
                self.st['refused statements'] += 1
            else:
                new = cand
                self.st['statements reformatted'] += 1
                self.st['long lines fixed'] += sum(1 for l in self.long if l in span)
                self.st['lines replaced'] += len(span)
                self.st['lines written'] += rep.strip('\n').count('\n') + 1
                self.st['comments moved above'] += rep.lstrip('\n').startswith('#')
        return new, self.st, self.notes


def fix_long(text: str):
    "(new text, counts, notes): over-long simple statements (and def/if/... headers) reformatted by black."
    lines = split_lines(text)
    long_lines = [i for i, l in enumerate(lines, 1) if len(l.rstrip('\n')) > MAX_LINE]
    if not long_lines:
        return text, Counter(), []
    tree, why = parse_cell(text)
    if tree is None:
        return text, Counter({'long lines left': len(long_lines)}), [
            f'line {l}: {len(lines[l - 1].rstrip())} chars, left for a human: cell skipped ({why})' for l in long_lines]
    return _LongFixer(text, tree).run()


# ---------------------------------------------------------------- main

def main(argv=None):
    lib, nbs = _settings()
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument('--check', action='store_true', help=f'check {lib.name}/*.py (or FILES)')
    mode.add_argument('--fix-semicolons', action='store_true', help='one statement per line in notebook code cells')
    mode.add_argument('--fix-long', action='store_true', help='black on statements with lines over 120 characters')
    ap.add_argument('--only', choices=RULES, help='with --check: this rule only')
    ap.add_argument('--dry-run', action='store_true', help='with a fixer: report, write nothing')
    ap.add_argument('paths', nargs='*', type=Path, help='modules (--check) or notebooks (fixers)')
    a = ap.parse_args(argv)
    if a.check:
        files = a.paths or sorted(p for p in lib.glob('*.py') if p.name not in SKIP_MODULES)
        return run_check(files, a.only)
    paths = a.paths or sorted(nbs.glob('*.ipynb'))
    tot = fix_notebooks(paths, fix_semicolons if a.fix_semicolons else fix_long, a.dry_run)
    return 1 if tot.get('refused cells') or tot.get('refused statements') else 0


if __name__ == '__main__':
    sys.exit(main())

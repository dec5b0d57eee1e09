"""Render README.md from nbs/index.ipynb (nbdev's readme_nb) without Quarto, or check that the two agree.

Usage: python .ci/readme.py [--check]
Markdown cells are copied as they are. A code cell marked `#| echo: false` is a table: its code runs (in a fresh
namespace, from the repository root, with this checkout's package first on the path) and the value of its last line
takes its place as markdown, between `<!-- table:NAME -->` markers when it calls `readme_table('NAME')`. Other code
cells not marked `#| hide` become ```python blocks followed by their stored text or markdown outputs."""
import ast, os, re, sys, json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = '<!-- Generated from nbs/index.ipynb by `make readme`: edit the notebook, not this file. -->\n\n'

def directives(src: str) -> set:
    return {l.strip().replace('#|', '', 1).strip() for l in src.splitlines() if l.strip().startswith('#|')}

def run_cell(src: str) -> str:
    "The value of the cell's last expression, run in a fresh namespace from the repository root."
    tree = ast.parse(src)
    if not tree.body or not isinstance(tree.body[-1], ast.Expr): raise ValueError(f'a table cell must end with an expression:\n{src}')
    ns, cwd = {'__name__': '__readme__'}, os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(ast.Module(tree.body[:-1], type_ignores=[]), '<index.ipynb>', 'exec'), ns)
        value = eval(compile(ast.Expression(tree.body[-1].value), '<index.ipynb>', 'eval'), ns)
    finally: os.chdir(cwd)
    md = value._repr_markdown_() if hasattr(value, '_repr_markdown_') else str(value)
    name = re.search(r"readme_table\(\s*['\"](\w+)['\"]", src)
    return f'<!-- table:{name[1]} -->\n\n{md.strip()}\n\n<!-- /table:{name[1]} -->' if name else md.strip()

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text())
    sys.path.insert(0, str(ROOT))   # this checkout's mscvit, not another installed copy
    out = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': out.append(src.strip()); continue
        d = directives(src)
        if c['cell_type'] != 'code' or 'hide' in d: continue
        if 'echo: false' in d: out.append(run_cell(src)); continue
        code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
        if code: out.append(f'```python\n{code}\n```')
        for o in c.get('outputs', []):
            if o.get('output_type') == 'stream': out.append('```\n' + ''.join(o['text']).rstrip() + '\n```')
            elif 'data' in o:
                d = o['data']
                if 'text/markdown' in d: out.append(''.join(d['text/markdown']).strip())
                elif 'text/plain' in d: out.append('```\n' + ''.join(d['text/plain']).rstrip() + '\n```')
    return HEADER + '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    text, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != text:
            sys.exit('README.md is out of date with nbs/index.ipynb and figures/: run `make readme` and commit both.')
        print('README.md agrees with nbs/index.ipynb')
    else:
        readme.write_text(text); print('wrote README.md')

"""Render README.md from nbs/index.ipynb (nbdev's readme_nb) without Quarto, or check that the two agree.

Usage: python .ci/readme.py [--check]
Markdown cells are copied as they are; code cells not marked `#| hide` become ```python blocks followed by their
text or markdown outputs."""
import sys, json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = '<!-- Generated from nbs/index.ipynb by `make readme`: edit the notebook, not this file. -->\n\n'

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text())
    out = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': out.append(src.strip()); continue
        if c['cell_type'] != 'code' or any(l.strip() in ('#| hide', '#|hide') for l in src.splitlines()): continue
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
            sys.exit('README.md is out of date with nbs/index.ipynb: run `make readme` and commit both.')
        print('README.md agrees with nbs/index.ipynb')
    else:
        readme.write_text(text); print('wrote README.md')

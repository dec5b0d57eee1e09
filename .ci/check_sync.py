"""Fail when nbdev_clean or nbdev_export would change the working tree (notebooks unclean / package out of sync)."""
import hashlib, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

def digest(pattern):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(ROOT.glob(pattern))}

def check(cmd, pattern, what):
    before = digest(pattern)
    subprocess.run([str(BIN/cmd)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    after = digest(pattern)
    changed = sorted(str(p.relative_to(ROOT)) for p in set(before) | set(after) if before.get(p) != after.get(p))
    if changed:
        print(f'{what}: `{cmd}` changed {", ".join(changed)} -- run `make sync` and commit the result.')
        return False
    print(f'{cmd}: no changes'); return True

ok = check('nbdev_clean', 'nbs/**/*.ipynb', 'Notebooks not clean')
ok = check('nbdev_export', 'mscvit/**/*.py', 'Package out of sync with the notebooks') and ok
sys.exit(0 if ok else 1)

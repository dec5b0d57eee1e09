"""Bring a GPU lease's study results into the tree (figures/protocol.md, part 2), from the folder `run` fetched:
    python .ci/gpu_collect.py FILES_AT --label "third lease" [--note "study GPU lease 3 (...)"] [--dry-run]
1. unpacks FILES_AT/study_small.tgz.* and copies each run that has a test result and is not in figures/study yet
   (result files only, never weights) to figures/study/<run>/;
2. appends FILES_AT/ledger_lease.csv to figures/test_evaluations.csv with the run paths made relative
   (figures/study/<run>), skipping rows the ledger already holds (same run and date);
3. marks those runs done in figures/study/status.csv (epochs from their history.csv), and stopped runs' epochs.
Then run `make figures` and `python .ci/readme.py`, and commit. Nothing here decides anything: it copies."""
import argparse, csv, glob, io, json, shutil, subprocess, sys, tarfile, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STUDY, LEDGER = ROOT/'figures'/'study', ROOT/'figures'/'test_evaluations.csv'


def unpack(files_at: Path, dest: Path) -> Path:
    parts = sorted(glob.glob(str(files_at/'study_small.tgz.*')))
    if not parts: sys.exit(f'no study_small.tgz.* in {files_at}: is this the folder the lease returned?')
    data = b''.join(Path(p).read_bytes() for p in parts)
    with tarfile.open(fileobj=io.BytesIO(data), mode='r:gz') as t: t.extractall(dest, filter='data')
    return dest/'study'


def epochs(run: Path) -> int:
    h = run/'history.csv'
    return sum(1 for _ in open(h)) - 1 if h.exists() else 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('files_at', type=Path)
    p.add_argument('--label', required=True, help='e.g. "third lease": goes into status.csv')
    p.add_argument('--note', default='', help='ledger note for this lease\'s rows (kept if the row has one)')
    p.add_argument('--dry-run', action='store_true')
    a = p.parse_args(argv)
    tmp = Path(tempfile.mkdtemp())
    got = unpack(a.files_at, tmp)
    new, stopped = [], {}
    for m in sorted(got.glob('*/metrics.json')):
        run = m.parent
        if 'test' in json.loads(m.read_text()) and not (STUDY/run.name/'metrics.json').exists(): new.append(run)
    for h in sorted(got.glob('*/history.csv')):
        if h.parent not in new and not (STUDY/h.parent.name/'metrics.json').exists(): stopped[h.parent.name] = epochs(h.parent)
    print('new finished runs:', [r.name for r in new] or 'none')
    print('stopped runs (epochs):', stopped or 'none')
    rows = []
    lf = a.files_at/'ledger_lease.csv'
    if lf.exists():
        have = {(r['run'], r['date']) for r in csv.DictReader(open(LEDGER))}
        for r in csv.DictReader(open(lf)):
            r['run'] = 'figures/study/' + r['run'].split('/study/')[-1] if '/study/' in r['run'] else r['run']
            if a.note and not r.get('note'): r['note'] = a.note
            if (r['run'], r['date']) not in have: rows.append(r)
    print(f'ledger rows to add: {len(rows)}')
    missing = {f'figures/study/{r.name}' for r in new} - {r['run'] for r in rows}
    if missing: print('WARNING: finished runs without a ledger row in ledger_lease.csv:', sorted(missing))
    if a.dry_run: return 0
    for run in new:
        shutil.copytree(run, STUDY/run.name, ignore=shutil.ignore_patterns('*.pt'), dirs_exist_ok=True)
    if rows:
        fields = next(csv.reader(open(LEDGER)))
        with open(LEDGER, 'a', newline='') as f:
            w = csv.DictWriter(f, fields, lineterminator='\n', extrasaction='ignore')
            for r in rows: w.writerow(r)
    st = list(csv.DictReader(open(STUDY/'status.csv')))
    names = {f"{r['model']}_s{r['seed']}": r for r in st}
    for run in new:
        if run.name in names:
            names[run.name].update(epochs_done=str(epochs(run)), status=f'done ({a.label})')
    for name, ep in stopped.items():
        if name in names:
            names[name].update(epochs_done=str(ep), status=f'stopped at epoch {ep} ({a.label}); never test-evaluated')
    with open(STUDY/'status.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, list(st[0]), lineterminator='\n')
        w.writeheader()
        w.writerows(st)
    print(subprocess.run(['git', 'status', '--short', 'figures'], cwd=ROOT, capture_output=True, text=True).stdout)
    return 0


if __name__ == '__main__': sys.exit(main())

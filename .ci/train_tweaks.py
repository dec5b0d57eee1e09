"""What the fused CPU AdamW and glibc malloc-retain buy in training, each alone and together (issue 12, item 2).

python .ci/train_tweaks.py steps [ROUNDS]  ->  figures/bench_train_tweaks_steps.json
    The reference training step (MSCViT-T, 128 px, batch 32, fixed random batches), timed in pairs: one process per
    malloc setting (malloc options are per process), the two settings alternating for ROUNDS rounds (default 3); in
    each process the fused and the for-loop AdamW alternate in blocks of 4 steps on two copies of the model. Paired
    and interleaved, so the machine's slow drifts in speed fall on both sides of each ratio. Then AdamW's step alone,
    fused against for-loop.
python .ci/train_tweaks.py epochs [DATA]  ->  figures/bench_train_tweaks.json
    One `mscvit-train` process per configuration: one epoch of the quick preset (64 px) and 40 steps at 128 px, with
    `evaluate_test=False` (the test split is not read): the validation ROC AUC each configuration reaches, and whole-
    epoch img/s (one run each: a noisy measure of speed on a shared machine).
README table `train_tweaks` shows both. Every committed run used the for-loop AdamW; `mscvit-train` now keeps freed
memory by default, and the fused AdamW is opt-in (`--set fused_adamw=true`)."""
import sys, json, time, os, platform, subprocess, tempfile, statistics
from pathlib import Path
import pandas as pd, torch

CONFIGS = {  # name -> (fused_adamw, malloc retained)
    'for-loop AdamW, system malloc': (False, False),
    'fused AdamW': (True, False),
    'malloc-retain': (False, True),
    'fused AdamW + malloc-retain': (True, True),
}
env0 = {k: v for k, v in os.environ.items() if not k.startswith('MALLOC_')}  # no retain from the environment

def _meta() -> dict:
    return {'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'torch': torch.__version__,
            'threads': torch.get_num_threads(), 'cpus': os.cpu_count(),
            'cpu': platform.processor() or platform.machine(), 'loadavg_before': os.getloadavg()[0]}

def worker() -> None:
    "One process: the fused and the for-loop AdamW alternating in blocks of 4 steps; prints each step's seconds."
    import copy
    from mscvit.core import retain_freed_memory
    from mscvit.config import make_config
    from mscvit.models import create_model
    from mscvit.optim import make_optimizer, make_train_step
    retained = retain_freed_memory()  # as mscvit-train does (off with MSCVIT_MALLOC_RETAIN=0)
    torch.manual_seed(0)
    m0 = create_model('mscvit_t', num_classes=2, in_chans=1, img_size=128)
    steps, times = {}, {True: [], False: []}
    for fused in (True, False):
        m = copy.deepcopy(m0).train()
        cfg = make_config('reference', fused_adamw=fused)
        steps[fused] = make_train_step(m, m, make_optimizer(m, cfg), cfg, None, cuda=False)
    g = torch.Generator().manual_seed(1)
    xs = [torch.randn(32, 1, 128, 128, generator=g) for _ in range(4)]
    ys = [torch.nn.functional.one_hot(torch.randint(0, 2, (32,), generator=g), 2).float() for _ in range(4)]
    for fused in (True, False):  # warm-up
        for k in range(3): steps[fused](xs[k], ys[k])
    for block in range(6):
        for fused in ((True, False) if block % 2 == 0 else (False, True)):
            for k in range(4):
                t = time.perf_counter(); steps[fused](xs[k], ys[k]); times[fused].append(time.perf_counter() - t)
    print(json.dumps({'retained': retained, 'fused': times[True], 'loop': times[False]}))

def opt_step() -> dict:
    "AdamW's step alone (gradients fixed), for-loop against fused, at 64 and 128 px: median ms of 20, alternating."
    from mscvit.config import make_config
    from mscvit.models import create_model
    from mscvit.optim import make_optimizer
    res = {}
    for px in (64, 128):
        torch.manual_seed(0)
        m = create_model('mscvit_t', num_classes=2, in_chans=1, img_size=px)
        m(torch.randn(32, 1, px, px)).square().mean().backward()
        opts = {f: make_optimizer(m, make_config('reference', fused_adamw=f)) for f in (True, False)}
        t = {True: [], False: []}
        for k in range(23):
            for f in (True, False):
                s = time.perf_counter(); opts[f].step(); t[f].append(time.perf_counter() - s)
        res[f'{px}px'] = {f"{'fused' if f else 'loop'}_ms": statistics.median(t[f][3:]) * 1e3 for f in (True, False)}
    return res

def steps(rounds:int) -> None:
    res = {**_meta(), 'batch_size': 32, 'img_size': 128, 'rounds': rounds, 'samples': []}
    for r in range(rounds):
        for retain in ((False, True) if r % 2 == 0 else (True, False)):
            p = subprocess.run([sys.executable, __file__, 'worker'], check=True, capture_output=True, text=True,
                               env={**env0, 'MSCVIT_MALLOC_RETAIN': '1' if retain else '0'})
            out = json.loads(p.stdout.strip().splitlines()[-1])
            assert out['retained'] == retain, out
            for fused in (True, False):
                res['samples'] += [{'round': r, 'malloc_retain': retain, 'fused_adamw': fused, 'step_s': s}
                                   for s in out['fused' if fused else 'loop']]
            print(r, retain, {k: round(statistics.median(out[k]), 3) for k in ('fused', 'loop')}, flush=True)
    res['opt_step'] = opt_step()
    res['loadavg_after'] = os.getloadavg()[0]
    Path('figures/bench_train_tweaks_steps.json').write_text(json.dumps(res, indent=1))

def epochs(data:str|None) -> None:
    runs = {'quick, 64 px, 1 epoch': [], '128 px, 40 steps': ['--set', 'img_size=128', '--set', 'limit_train=1280']}
    res = {**_meta(), 'rows': []}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (fused, retain) in CONFIGS.items():
            for run, flags in runs.items():
                out = Path(tmp)/f'{len(res["rows"])}'
                cmd = [sys.executable, '-m', 'mscvit.train', '--preset', 'quick', '--out', str(out), '--quiet',
                       '--set', 'epochs=1', '--set', 'evaluate_test=false', '--set', f'fused_adamw={fused}', *flags]
                if data: cmd += ['--data', data]
                subprocess.run(cmd, check=True, env={**env0, 'MSCVIT_MALLOC_RETAIN': '1' if retain else '0'},
                               stdout=subprocess.DEVNULL)
                h = pd.read_csv(out/'history.csv').iloc[-1]
                m = json.load(open(out/'metrics.json'))
                res['rows'].append({'config': name, 'fused_adamw': fused, 'malloc_retain': retain, 'run': run,
                                    'train_img_s': float(h['train_img_s']), 'train_s': float(h['train_s']),
                                    'val_roc_auc': m['val']['roc_auc'], 'loadavg': os.getloadavg()[0]})
                print(res['rows'][-1], flush=True)
    res['loadavg_after'] = os.getloadavg()[0]
    Path('figures/bench_train_tweaks.json').write_text(json.dumps(res, indent=1))

if __name__ == '__main__':
    what = sys.argv[1] if len(sys.argv) > 1 else ''
    if what == 'worker': worker()
    elif what == 'steps': steps(int(sys.argv[2]) if len(sys.argv) > 2 else 3)
    elif what == 'epochs': epochs(sys.argv[2] if len(sys.argv) > 2 else None)
    else: sys.exit(__doc__)

"""Training paths on the CPU (issue 12, item 3): eager fp32, torch.compile, bf16 autocast.

python .ci/train_paths.py [DATA]  ->  figures/bench_train_paths.json
1. the quick preset's validation ROC AUC on each path (evaluate_test=False: the test split is not read);
2. training img/s of the reference step (MSCViT-T, 128 px, batch 32) on each path, measured in one process."""
import sys, json, time, os, platform, subprocess, tempfile
from pathlib import Path
import torch
from mscvit.optim import check_train_step

data = sys.argv[1] if len(sys.argv) > 1 else None
res = {'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'torch': torch.__version__, 'threads': torch.get_num_threads(),
       'cpu': platform.processor() or platform.machine(), 'loadavg_before': os.getloadavg()[0], 'quick': {}, 'step': []}
paths = {'eager': [], 'compile': ['--compile'], 'bf16': ['--precision', 'bf16']}
with tempfile.TemporaryDirectory() as tmp:
    for name, flags in paths.items():
        out = Path(tmp)/name; t0 = time.time()
        cmd = [sys.executable, '-m', 'mscvit.train', '--preset', 'quick', '--out', str(out), '--quiet', '--set', 'evaluate_test=false', *flags]
        if data: cmd += ['--data', data]
        subprocess.run(cmd, check=True)
        m = json.load(open(out/'metrics.json'))
        res['quick'][name] = {'val_roc_auc': m['val']['roc_auc'], 'wall_s': time.time() - t0, 'train_img_per_s': m.get('train_img_per_s')}
        print(name, res['quick'][name], flush=True)
for name, kw in (('eager', {}), ('compile', {'compile': True}), ('bf16', {'precision': 'bf16'})):
    r = check_train_step('mscvit_t', 128, 32, steps=20, device='cpu', **kw); r.pop('_updates')
    res['step'].append({'path': name, 'img_per_s': r['img_per_s'], 'ms_per_step': r['ms_per_step']}); print(res['step'][-1], flush=True)
e = res['quick']['eager']['val_roc_auc']
res['val_auc_diff_vs_eager'] = {k: v['val_roc_auc'] - e for k, v in res['quick'].items()}
res['loadavg_after'] = os.getloadavg()[0]
Path('figures/bench_train_paths.json').write_text(json.dumps(res, indent=1))
print(json.dumps(res['val_auc_diff_vs_eager']))

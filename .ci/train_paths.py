"""Training paths on the CPU (issue 12, item 3): eager fp32, torch.compile, bf16 autocast.

python .ci/train_paths.py [DATA]  ->  figures/bench_train_paths.json
1. the quick preset's validation ROC AUC on each path (evaluate_test=False: the test split is not read);
2. training img/s of the reference step (MSCViT-T, 128 px, batch 32) on each path, measured in one process, with
   glibc's malloc retaining freed memory as mscvit-train does (`step_malloc`; the run of 2026-12-02 and earlier ones
   timed the step with the system malloc)."""
import sys, json, time, os, platform, subprocess, tempfile
from pathlib import Path
import torch
from mscvit.optim import check_train_step
from mscvit.core import retain_freed_memory

def _cpu_model():
    "The CPU's model name from /proc/cpuinfo ('' where there is none)."
    try: return next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '')
    except OSError: return ''

data = sys.argv[1] if len(sys.argv) > 1 else None
res = {'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'torch': torch.__version__, 'threads': torch.get_num_threads(),
       'cpu': platform.processor() or platform.machine(), 'cpu_model': _cpu_model(), 'loadavg_before': os.getloadavg()[0], 'quick': {}, 'step': []}
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
res['step_malloc'] = 'retain' if retain_freed_memory() else 'system'  # as mscvit-train runs (runs through 2026-12-02: system)
for name, kw in (('eager', {}), ('compile', {'compile': True}), ('bf16', {'precision': 'bf16'})):
    r = check_train_step('mscvit_t', 128, 32, steps=20, device='cpu', **kw); r.pop('_updates')
    res['step'].append({'path': name, 'img_per_s': r['img_per_s'], 'ms_per_step': r['ms_per_step']}); print(res['step'][-1], flush=True)
e = res['quick']['eager']['val_roc_auc']
res['val_auc_diff_vs_eager'] = {k: v['val_roc_auc'] - e for k, v in res['quick'].items()}
res['loadavg_after'] = os.getloadavg()[0]
Path('figures/bench_train_paths.json').write_text(json.dumps(res, indent=1))
print(json.dumps(res['val_auc_diff_vs_eager']))

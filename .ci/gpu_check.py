"""On a GPU: does the CUDA-graph training step match the eager one, and how fast is each (MSCViT-T, ResNet-18)?

python .ci/gpu_check.py OUT.json [--quick]   (used by .ci/gpu_study.sh before the study; writes
figures/bench_gpu_train.json). --quick checks the protocol's one case (MSCViT-T, 128 px, batch 32) only.
Runs on this tree's package or on the study's commit aaac091 (where check_train_step lived in mscvit.train)."""
import sys, json, time, platform
import torch
try: from mscvit.optim import check_train_step
except ImportError: from mscvit.train import check_train_step  # the study's commit (aaac091)

cases = [('mscvit_t', 128, 32)] if '--quick' in sys.argv else \
        [(n, s, b) for n in ('mscvit_t', 'resnet18') for s, b in ((128, 32), (224, 64))]
rows, ok = [], True
for name, size, bs in cases:
    e = check_train_step(name, size, bs, steps=30)
    g = check_train_step(name, size, bs, steps=30, graph=True, reference=e)
    for r in (e, g):
        r.pop('_updates')
        rows.append(r)
        print({k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items() if k != 'losses_first8'}, flush=True)
    if name == 'mscvit_t' and size == 128:
        ok = bool(g['captured'] and g['update_rel_diff'] < 0.05)
res = {'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'device': torch.cuda.get_device_name(),
       'torch': torch.__version__, 'python': platform.python_version(),
       'what': 'training img/s of the reference step (bf16 autocast, channels-last, AdamW, clipping; no EMA, no '
               'augmentation) on fixed random batches, one process alone on the GPU; eager vs one CUDA graph per step',
       'graph_ok': ok, 'rows': rows}
json.dump(res, open(sys.argv[1], 'w'), indent=1)
print('graph_ok', ok)

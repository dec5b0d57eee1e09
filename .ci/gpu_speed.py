"""The speed issue's GPU target (MSCViT-T training img/s >= 0.5x ResNet-18's on the same GPU), on every tool it names:
eager, one CUDA graph per step, torch.compile, and compile + CUDA graph, at batch 32 (the recipe's) and 256 (a larger
batch amortises MSCViT-T's many small kernels), 128 px, bf16 autocast, channels-last, one process alone on the GPU.

python .ci/gpu_speed.py OUT.json [DEADLINE_S] [DEVICE]
Rows are measured in pairs (MSCViT-T, then ResNet-18, same path and batch) so each ratio compares like with like;
OUT.json is rewritten after every row, so a lease that ends early keeps what finished. DEVICE cpu is a smoke test
(eager and compile only, 2 steps)."""
import json, platform, sys, time
import torch
from mscvit.optim import check_train_step

out = sys.argv[1]
t_end = time.time() + float(sys.argv[2]) if len(sys.argv) > 2 else None
device = sys.argv[3] if len(sys.argv) > 3 else 'cuda'
cuda = device == 'cuda'
paths = [('eager', {}), ('graph', {'graph': True}), ('compile', {'compile': True}),
         ('compile_graph', {'compile': True, 'graph': True})]
if not cuda: paths = [p for p in paths if not p[1].get('graph')]
rows = []
for bs in (32, 256) if cuda else (4,):
    for path, kw in paths:
        if t_end is not None and time.time() > t_end: continue  # checked per pair: a ratio needs both rows
        for name in ('mscvit_t', 'resnet18'):
            t0 = time.time()
            try:
                r = check_train_step(name, 128, bs, steps=20 if cuda else 2, device=device, **kw)
                r.pop('_updates')
                r.pop('losses_first8')
            except Exception as e:  # one failing path must not lose the others
                r = {'model': name, 'batch_size': bs, 'error': f'{type(e).__name__}: {e}'[:400]}
            r.update(path=path, setup_and_run_s=round(time.time() - t0, 1))
            rows.append(r)
            print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()}, flush=True)
            json.dump({'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
                       'device': torch.cuda.get_device_name() if cuda else platform.processor() or 'cpu',
                       'torch': torch.__version__, 'img_size': 128,
                       'what': 'training img/s of the reference step on fixed random batches (as .ci/gpu_check.py), '
                               'per path and batch size, MSCViT-T and ResNet-18 measured back to back',
                       'rows': rows}, open(out, 'w'), indent=1)

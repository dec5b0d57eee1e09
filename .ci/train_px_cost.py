"""What a larger input costs in training on this machine (issue 10: "a larger input (160 px) if the 60-minute CPU
budget allows").

python .ci/train_px_cost.py [ROUNDS]  ->  figures/bench_train_px.json
    The reference training step (MSCViT-T, batch 32, fixed random batches, the `reference` preset's optimizer and
    step) at 128, 160 and 192 px in one process, the sizes taking turns for ROUNDS rounds (default 3, 6 timed steps
    each after 2 warm-up steps), so the machine's slow drifts in speed fall on every size. Writes each size's median
    img/s and its cost relative to 128 px, and projects the 20-epoch `reference` run's wall time at each size from a
    measured 128-px run (`figures/v5/base_s3`, a quiet machine: 43 min), assuming the whole run scales as the step.
Run it with nothing else on the cores: it is a timing."""
import sys, json, time, os, platform, statistics
from pathlib import Path
import pandas as pd, torch
from mscvit.core import retain_freed_memory
from mscvit.config import make_config
from mscvit.models import create_model
from mscvit.optim import make_optimizer, make_train_step

SIZES, ROOT = (128, 160, 192), Path(__file__).resolve().parents[1]

def main(rounds:int=3) -> dict:
    retain_freed_memory()
    load0 = os.getloadavg()[0]
    steps, data, ips = {}, {}, {s: [] for s in SIZES}
    g = torch.Generator().manual_seed(1)
    for s in SIZES:
        torch.manual_seed(0)
        m = create_model('mscvit_t', num_classes=2, in_chans=1, img_size=s).train()
        cfg = make_config('reference', img_size=s)
        steps[s] = make_train_step(m, m, make_optimizer(m, cfg), cfg, None, cuda=False)
        data[s] = (torch.randn(32, 1, s, s, generator=g),
                   torch.nn.functional.one_hot(torch.randint(0, 2, (32,), generator=g), 2).float())
    for r in range(rounds):
        for s in (SIZES if r % 2 == 0 else SIZES[::-1]):
            for _ in range(2): steps[s](*data[s])
            for _ in range(6):
                t = time.perf_counter(); steps[s](*data[s]); ips[s].append(32 / (time.perf_counter() - t))
    h = pd.read_csv(ROOT/'figures/v5/base_s3/history.csv')
    ref_min = float(h['wall_s'].iloc[-1]) / 60
    med = {s: statistics.median(v) for s, v in ips.items()}
    res = {'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'torch': torch.__version__,
           'threads': torch.get_num_threads(), 'cpu': platform.processor() or platform.machine(),
           'loadavg_before': load0, 'loadavg_after': os.getloadavg()[0], 'rounds': rounds, 'batch_size': 32,
           'reference_128px_run': 'figures/v5/base_s3', 'reference_128px_minutes': round(ref_min, 1),
           'sizes': {str(s): {'median_img_s': round(med[s], 1), 'all_img_s': [round(x, 1) for x in ips[s]],
                              'cost_vs_128': round(med[128] / med[s], 3),
                              'projected_minutes_20_epochs': round(ref_min * med[128] / med[s], 1)} for s in SIZES}}
    out = ROOT/'figures/bench_train_px.json'
    out.write_text(json.dumps(res, indent=1) + '\n')
    print(json.dumps({s: res['sizes'][s] | {'all_img_s': None} for s in res['sizes']}), '->', out)
    return res

if __name__ == '__main__': main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

"""Independent runs side by side on the 2 CPU cores: is one process with two threads, or two processes with one thread
each, the faster way through many runs (seeds, a study)?

python .ci/side_by_side.py [ROUNDS]  ->  figures/bench_side_by_side.json
    The reference training step (MSCViT-T, 128 px, batch 32, fixed random batches, the `reference` preset's optimizer
    and step, as `.ci/train_px_cost.py`) timed in fresh processes, three ways, taking turns for ROUNDS rounds (default
    3; the order reverses every round so the machine's drifts fall on every way): one process with 1 thread alone, one
    with 2 threads alone, and two independent processes with 1 thread each at once (started together, each timing the
    same number of steps). Writes the median img/s of each, the aggregate img/s of the pair (the sum of both), and the
    ratio of the pair's aggregate to one 2-thread process: the speed-up of a multi-run plan (`python -m
    mscvit.experiments --parallel 2 --threads 1`) over running its jobs one at a time on two threads. This is
    independent jobs, not one run split over two processes (that is DDP: `python -m mscvit.distributed`).
Run it with nothing else on the cores: it is a timing."""
import sys, json, time, os, platform, statistics, subprocess
from pathlib import Path

ROOT, STEPS, WARMUP = Path(__file__).resolve().parents[1], 12, 3

def worker(threads:int, start_at:float) -> None:
    "One process: build the step, wait for the common start, time STEPS steps; print the img/s of each step."
    import torch
    from mscvit.core import retain_freed_memory
    from mscvit.config import make_config
    from mscvit.models import create_model
    from mscvit.optim import make_optimizer, make_train_step
    retain_freed_memory()
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    m = create_model('mscvit_t', num_classes=2, in_chans=1, img_size=128).train()
    cfg = make_config('reference')
    step = make_train_step(m, m, make_optimizer(m, cfg), cfg, None, cuda=False)
    g = torch.Generator().manual_seed(1)
    x, y = torch.randn(32, 1, 128, 128, generator=g), torch.nn.functional.one_hot(
        torch.randint(0, 2, (32,), generator=g), 2).float()
    for _ in range(WARMUP): step(x, y)
    while time.time() < start_at: time.sleep(0.01)
    ips = []
    for _ in range(STEPS):
        t = time.perf_counter(); step(x, y); ips.append(32 / (time.perf_counter() - t))
    print(json.dumps(ips))

def _launch(threads_each:list) -> list[list[float]]:
    "Start one worker per entry (its thread count), all timing from the same moment; each worker's img/s per step."
    start_at = time.time() + 25  # long enough for every worker to import torch, build the model and warm up
    env = lambda t: {**os.environ, 'OMP_NUM_THREADS': str(t), 'PYTHONPATH': str(ROOT)}
    ps = [subprocess.Popen([sys.executable, __file__, 'worker', str(t), str(start_at)], env=env(t),
                           stdout=subprocess.PIPE, text=True) for t in threads_each]
    out = [p.communicate()[0] for p in ps]
    if any(p.returncode for p in ps): raise RuntimeError(f'a worker failed: {out}')
    return [json.loads(o.strip().splitlines()[-1]) for o in out]

WAYS = {'1 process x 1 thread': [1], '1 process x 2 threads': [2], '2 processes x 1 thread': [1, 1]}

def main(rounds:int=3) -> dict:
    load0, runs = os.getloadavg()[0], {k: [] for k in WAYS}
    for r in range(rounds):
        for way in (list(WAYS) if r % 2 == 0 else list(WAYS)[::-1]): runs[way].append(_launch(WAYS[way]))
    med = lambda xs: statistics.median(xs)
    per = {w: [med(sum((p for p in rnd), [])) for rnd in rs] for w, rs in runs.items()}  # per round: median per process
    agg = {w: med([n * v for v in per[w]]) for w, n in ((w, len(WAYS[w])) for w in WAYS)}
    import torch
    res = {'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'torch': torch.__version__,
           'cpu': platform.processor() or platform.machine(), 'cpu_count': os.cpu_count(),
           'loadavg_before': load0, 'loadavg_after': os.getloadavg()[0], 'rounds': rounds, 'steps': STEPS,
           'batch_size': 32, 'img_size': 128,
           'ways': {w: {'median_img_s_per_process': round(med(per[w]), 1), 'aggregate_img_s': round(agg[w], 1),
                        'per_round_img_s_per_process': [round(v, 1) for v in per[w]]} for w in WAYS},
           'pair_aggregate_over_one_2thread_process':
               round(agg['2 processes x 1 thread'] / agg['1 process x 2 threads'], 2),
           'thread_speedup_2_over_1': round(agg['1 process x 2 threads'] / agg['1 process x 1 thread'], 2)}
    out = ROOT/'figures/bench_side_by_side.json'
    out.write_text(json.dumps(res, indent=1) + '\n')
    print(json.dumps(res['ways']), res['pair_aggregate_over_one_2thread_process'], '->', out)
    return res

if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == 'worker': worker(int(sys.argv[2]), float(sys.argv[3]))
    else: main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

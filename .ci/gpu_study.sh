#!/bin/bash
# The study's GPU lease (figures/protocol.md, part 2), run from the repository root on a machine with one GPU:
#   bash .ci/gpu_study.sh OUT_DIR DATA_DIR [PARALLEL] [DEADLINE_S] [HARD_DEADLINE_S]
# 1. checks the CUDA-graph step against the eager one and times both (OUT_DIR/bench_gpu_train.json);
# 2. runs `python -m mscvit.experiments --suite study` (jobs in the protocol's order, PARALLEL at once, no job
#    started after DEADLINE_S, running ones stopped at HARD_DEADLINE_S), with the CUDA graph only if step 1 passed;
# 3. packs the result files of every run (figures/study/) and the ledger into OUT_DIR/study_small.tgz.*, and the kept
#    weights (ResNet-18 in half precision) into OUT_DIR/study_weights.tar.* (15 MB pieces: cat them, then tar x).
set -u
OUT=$1; DATA=$2; P=${3:-12}; D=${4:-380}; H=${5:-520}; T0=$(date +%s)
el() { echo $(( $(date +%s) - T0 )); }
nvidia-smi -L
python3 -c "import torch, pywt, mscvit.train; print('torch', torch.__version__, torch.cuda.get_device_name())" || exit 4
timeout 150 python3 .ci/gpu_check.py $OUT/bench_gpu_train.json; echo "check rc $? at $(el) s"
GRAPH=$(python3 -c "import json; print(str(json.load(open('$OUT/bench_gpu_train.json'))['graph_ok']).lower())" 2>/dev/null || echo false)
echo "cuda_graph=$GRAPH"
if nvidia-cuda-mps-control -d 2>/dev/null && python3 -c "import torch; torch.ones(1, device='cuda').sum().item()"; then echo "MPS on"
else echo quit | nvidia-cuda-mps-control 2>/dev/null; echo "MPS off"; fi
W=/tmp/study_runs; mkdir -p $W
[ -d figures/study ] && cp -r figures/study $W/  # finished runs are skipped: the plan continues where it stopped
python3 -m mscvit.experiments --suite study --device cuda --parallel $P --threads 1 --data $DATA --out $W \
  --deadline $((D - $(el))) --hard-deadline $((H - $(el))) --set cuda_graph=$GRAPH
echo "study ended at $(el) s"
python3 - <<'PY'
import torch, glob
for f in glob.glob('/tmp/study_runs/study/resnet18_s*/best.pt'):  # half precision: 22 MB instead of 45 MB
    ck = torch.load(f, weights_only=True)
    ck['model'] = {k: v.half() if v.is_floating_point() else v for k, v in ck['model'].items()}
    torch.save(ck, f)
PY
cp figures/test_evaluations.csv $W/study/ 2>/dev/null
for f in $W/study/*/log.txt; do tail -3 $f | sed "s|^|$(basename $(dirname $f)): |"; done
# only what can come back (8 files of at most 16 MB): no optimizer state, no weights but the kept ones, no logs
find $W/study \( -name 'last.pt' -o -name '*.tmp' \) -delete
tar czf - -C $W --exclude='*.pt' --exclude='log.txt' study | split -b 15M - $OUT/study_small.tgz.
(cd $W && tar cf - study/mscvit_t_s0/best.pt study/resnet18_s0/best.pt 2>/dev/null) | split -b 15M - $OUT/study_weights.tar.
ls -la $OUT; echo "done at $(el) s"

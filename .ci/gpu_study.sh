#!/bin/bash
# The study's GPU lease (figures/protocol.md, part 2), run from the repository root on a machine with one GPU:
#   bash .ci/gpu_study.sh OUT_DIR DATA_DIR [PARALLEL] [DEADLINE_S] [HARD_DEADLINE_S]
# Environment:
#   CODE=DIR    run the package in DIR (a copy of the study's frozen commit, made with
#               `git archive aaac091 mscvit | tar x -C DIR`), so every run of the study trains on the same code;
#               default: this tree. MSCVIT_COMMIT names that commit in the ledger.
#   CHECK=quick check the CUDA graph on the protocol's one case (MSCViT-T, 128 px, batch 32) only;
#               CHECK=full (default) also times MSCViT-T and ResNet-18 at 128 and 224 px (figures/bench_gpu_train.json).
# 1. checks the CUDA-graph step against the eager one (OUT_DIR/bench_gpu_train.json);
# 2. runs `python -m mscvit.experiments --suite study` (jobs in the protocol's order, PARALLEL at once, no job
#    started after DEADLINE_S, running ones stopped at HARD_DEADLINE_S), with the CUDA graph only if step 1 passed;
#    finished runs of figures/study are skipped: the plan continues where it stopped;
# 3. packs the result files of every run into OUT_DIR/study_small.tgz.* and the kept weights (ResNet-18 in half
#    precision) into OUT_DIR/study_weights.tar.* (15 MB pieces: cat them, then tar x); this call's ledger rows are in
#    OUT_DIR/ledger_lease.csv.
# Afterwards, on the machine that fetched OUT_DIR: python .ci/gpu_collect.py FILES_AT --label "third lease" copies the
# new finished runs into figures/study, appends their ledger rows and updates figures/study/status.csv.
set -u
OUT=$(realpath "$1"); DATA=$(realpath "$2"); P=${3:-12}; D=${4:-380}; H=${5:-520}; T0=$(date +%s)
ROOT=$(pwd); CODE=$(realpath "${CODE:-.}"); CHECK=${CHECK:-full}
el() { echo $(( $(date +%s) - T0 )); }
nvidia-smi -L
cd "$CODE" || exit 3
python3 -c "import torch, pywt, mscvit.train; print('torch', torch.__version__, torch.cuda.get_device_name())" || exit 4
PYTHONPATH="$CODE${PYTHONPATH:+:$PYTHONPATH}" timeout 150 python3 "$ROOT/.ci/gpu_check.py" "$OUT/bench_gpu_train.json" $([ "$CHECK" = quick ] && echo --quick)
echo "check rc $? at $(el) s"
GRAPH=$(python3 -c "import json; print(str(json.load(open('$OUT/bench_gpu_train.json'))['graph_ok']).lower())" 2>/dev/null || echo false)
echo "cuda_graph=$GRAPH"
if nvidia-cuda-mps-control -d 2>/dev/null && python3 -c "import torch; torch.ones(1, device='cuda').sum().item()"; then echo "MPS on"
else echo quit | nvidia-cuda-mps-control 2>/dev/null; echo "MPS off"; fi
W=/tmp/study_runs; mkdir -p $W
# finished runs' files, without weights; a stopped run's last.pt from an earlier call on this machine stays in $W
[ -d "$ROOT/figures/study" ] && tar cf - -C "$ROOT/figures" --exclude='*.pt' study | tar xf - -C $W
export MSCVIT_LEDGER=$OUT/ledger_lease.csv  # this call's test evaluations only (OUT is emptied before each call)
timeout $((H + 25 - $(el))) python3 -m mscvit.experiments --suite study --device cuda --parallel $P --threads 1 \
  --data "$DATA" --out $W --deadline $((D - $(el))) --hard-deadline $((H - $(el))) --set cuda_graph=$GRAPH
echo "study ended at $(el) s"
python3 - <<'PY'
import torch, glob
for f in glob.glob('/tmp/study_runs/study/resnet18_s*/best.pt'):  # half precision: 22 MB instead of 45 MB
    ck = torch.load(f, weights_only=True)
    ck['model'] = {k: v.half() if v.is_floating_point() else v for k, v in ck['model'].items()}
    torch.save(ck, f)
PY
for f in $W/study/*/log.txt; do tail -2 $f | sed "s|^|$(basename $(dirname $f)): |"; done
# only what can come back (8 files of at most 16 MB): no optimizer state, no weights but the kept ones. Stopped runs
# keep their last.pt in $W, so a next call on the same (warm) machine resumes them instead of starting again.
cp $W/status_study.csv $W/study/ 2>/dev/null
tar czf - -C $W --exclude='*.pt' study | split -b 15M - $OUT/study_small.tgz.
W_PT=$(cd $W && ls study/mscvit_t_s0/best.pt study/resnet18_s0/best.pt 2>/dev/null)  # the protocol's kept pair
[ -n "$W_PT" ] && (cd $W && tar cf - $W_PT) | split -b 15M - $OUT/study_weights.tar.
ls -la $OUT; echo "done at $(el) s"

#!/bin/bash
# Prepares this checkout for the next GPU lease (the device tool's `run`, where at most 64 MiB travel), from the
# repository root:
#   bash .ci/gpu_prepare.sh            # builds .gpu/ and .whl/ (both ignored), parks the committed weights, prints the call
#   bash .ci/gpu_prepare.sh --restore  # after the lease: the parked weights back from git
# The study's code is frozen at its commit (protocol part 2): .gpu/code holds `git archive STUDY mscvit`, so the
# remaining runs train on the same code as the finished ones. The committed weights (about 51 MB) would not fit beside the
# data, so they are deleted from the working tree (git still holds them) until --restore.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
if [ "${1:-}" = --restore ]; then
  d=$(git ls-files -d -- '*.pt'); [ -z "$d" ] || git restore -- $d; echo "restored: ${d:-nothing}"; exit 0
fi
STUDY=${STUDY:-aaac091}
DATA=${DATA:-../shared/data/chest_xray}
rm -rf .gpu/code
mkdir -p .gpu/code
git archive "$STUDY" mscvit | tar x -C .gpu/code
echo "$STUDY" > .gpu/commit
# a complete copy of the data (an interrupted one is made again)
if [ "$(find .gpu/chest_xray -type f 2>/dev/null | wc -l)" != "$(find "$DATA" -type f | wc -l)" ]; then
  rm -rf .gpu/chest_xray
  cp -r "$DATA" .gpu/chest_xray
fi
ls .whl/pywavelets-*cp312*.whl >/dev/null 2>&1 || python3 -m pip download -q --no-deps --only-binary=:all: \
  --python-version 3.12 --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 \
  --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 -d .whl pywavelets==1.9.0
for f in $(git ls-files -- '*.pt'); do rm -f "$f"; done
tracked=$(git ls-files -z | xargs -0 stat -c %s 2>/dev/null | paste -sd+ | bc || true)  # the parked weights: no size
untracked=$(git ls-files -z -o --exclude-standard | xargs -0 -r stat -c %s | paste -sd+ | bc)
extra=$(du -sb .gpu .whl | cut -f1 | paste -sd+ | bc)
total=$(( tracked + ${untracked:-0} + extra ))
echo "travels: $(( total / 1048576 )) MiB of 64 (tracked $(( tracked / 1048576 )), untracked $(( ${untracked:-0} / 1048576 )), .gpu + .whl $(( extra / 1048576 )))"
[ $total -lt 67108864 ] || { echo "too large for a lease; bash .ci/gpu_prepare.sh --restore brings the weights back"; exit 1; }
cat <<EOF
One call (run with carry [".gpu", ".whl"], timeout_s 590): the study's remaining runs (figures/study/status.csv)
until 330 s, then the speed issue's GPU target (MPS stopped: one process alone on the GPU) until about 550 s. With
the machine's start this spends most of a 15-minute lease: no second call fits; a stopped run resumes only on a warm
machine.
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl && export PYTHONPATH=/tmp/site || exit; CODE=.gpu/code CHECK=quick MSCVIT_COMMIT=$STUDY bash .ci/gpu_study.sh \$OUT .gpu/chest_xray 6 200 330; echo quit | nvidia-cuda-mps-control 2>/dev/null; PYTHONPATH=\$PWD:/tmp/site timeout 190 python3 .ci/gpu_speed.py \$OUT/bench_gpu_speed.json 130 cuda
Afterwards, here:
  python .ci/gpu_collect.py FILES_AT --label "NAME OF THE LEASE"   # runs, ledger rows, status.csv
  cp FILES_AT/bench_gpu_speed.json figures/                        # the GPU speed table
  bash .ci/gpu_prepare.sh --restore && make figures
EOF

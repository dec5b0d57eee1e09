# Two commands matter (see README.md): `make reproduce` (the main job) and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PRESET ?= quick
MODEL ?= mscvit_t
RUN ?= runs/$(PRESET)
DATA ?=
DATA_ARG := $(if $(DATA),--data $(DATA),)
NBWORKERS ?= 2

.PHONY: install install-run test test-browser test-cluster ood reproduce figures readme sync check-sync clean-venv

install: $(VENV)/.installed
install-run: $(VENV)/.installed-run

# A project-local virtualenv; exact versions from .ci/constraints.txt (settings.ini keeps loose bounds).
# `.installed-run`: the package and what it needs to run (all `make reproduce` needs); `.installed`: plus the
# notebook and test tools (nbdev, jupyter).
$(VENV)/.installed-run: settings.ini setup.py .ci/constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --no-compile -c .ci/constraints.txt torch torchvision
	$(PY) -m pip install -q --no-compile -c .ci/constraints.txt -e .
	touch $@

$(VENV)/.installed: $(VENV)/.installed-run
	$(PY) -m pip install -q --no-compile -c .ci/constraints.txt -e ".[dev,deploy,openvino]"
	touch $@

# Notebooks clean, package in sync, README in sync, the package's layout rules, then every notebook's tests.
test: install
	$(PY) .ci/check_sync.py
	$(PY) .ci/readme.py --check
	$(PY) .ci/style.py --check
	OMP_NUM_THREADS=1 $(BIN)/nbdev_test --n_workers $(NBWORKERS) --timing

# The web demo in a real headless Chromium (Debian: apt-get install chromium chromium-driver); not part of `make test`.
test-browser: install
	$(PY) -m pip install -q --no-compile -c .ci/constraints.txt -e ".[browser,ood]"
	OMP_NUM_THREADS=1 $(BIN)/nbdev_test --path nbs/08a_demo.ipynb --flags browser

# The out-of-distribution scorer of the default weights (figures/predict/best.pt) and its measurement (figures/ood.csv, figures/ood.json).
ood: install
	$(PY) -m pip install -q --no-compile -c .ci/constraints.txt -e ".[ood]"
	$(PY) -m mscvit.ood $(DATA_ARG)

# The flagged scale-out tests (not in CI): 2-process torchrun DDP, and the Ray backend (installs the `cluster` extra).
test-cluster: install
	$(PY) -m pip install -q --no-compile -c .ci/constraints.txt -e ".[dev,cluster]"
	OMP_NUM_THREADS=1 $(BIN)/nbdev_test --flags dist --path nbs/07a_distributed.ipynb
	OMP_NUM_THREADS=1 $(BIN)/nbdev_test --flags ray --path nbs/09_experiments.ipynb

# The main job: data summary, train, evaluate on test, figures. `make reproduce PRESET=v9` for the headline recipe, `PRESET=reference` for the reference run (v3).
reproduce: install-run
	$(BIN)/mscvit-data $(DATA_ARG)
	$(BIN)/mscvit-train --preset $(PRESET) --model $(MODEL) --out $(RUN) $(DATA_ARG) $(if $(wildcard $(RUN)/last.pt),--resume,)
	$(PY) -m mscvit.plots --run $(RUN)

# Every figure and README table from the committed results (no training).
figures: install
	$(PY) -m mscvit.plots
	$(PY) .ci/readme.py

readme: install
	$(PY) .ci/readme.py

# Clean notebooks, export the package, render the README.
sync: install
	$(BIN)/nbdev_clean
	$(BIN)/nbdev_export
	$(PY) .ci/readme.py

clean-venv:
	rm -rf $(VENV)

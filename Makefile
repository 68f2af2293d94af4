# Neural Networks from First Principles: every workflow is a target.
# `make help` lists them. Each target installs what is missing first.

SHELL      := /bin/bash
PYTHON     ?= python3.11
VENV       := .venv
BIN        := $(CURDIR)/$(VENV)/bin
PY         := $(BIN)/python
STAMP      := $(VENV)/.installed
# nbgrader runs `alembic` and friends from PATH.
export PATH := $(BIN):$(PATH)

ASSIGNMENT ?=
SOURCES    := $(notdir $(patsubst %/,%,$(wildcard source/a[0-9]*/)))
IDS        := $(if $(ASSIGNMENT),$(ASSIGNMENT),$(SOURCES))

.PHONY: help install lab assignments solutions autograde feedback grades test clean

help:  ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  Variables: ASSIGNMENT=aNN-name limits assignments/solutions/autograde/feedback to one assignment."

install: $(STAMP)  ## create .venv with the pinned packages and nnkit (idempotent)

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -e .
	@# A local course has no exchange: switch off nbgrader's exchange pages so they do not warn.
	$(BIN)/jupyter server extension disable --sys-prefix --log-level=ERROR nbgrader.server_extensions.assignment_list
	$(BIN)/jupyter server extension disable --sys-prefix --log-level=ERROR nbgrader.server_extensions.course_list
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader:assignment-list @jupyter/nbgrader:course-list >/dev/null
	@touch $@

lab: install  ## open JupyterLab on the course
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" course

assignments: install  ## regenerate assignments/ (student versions) from source/
	@for a in $(IDS); do $(BIN)/nbgrader generate_assignment "$$a" --force --log-level=WARN || exit 1; done

solutions: install  ## regenerate solutions/ (executed instructor versions) from source/
	@for a in $(IDS); do $(BIN)/nbgrader generate_solution "$$a" --force --log-level=WARN || exit 1; done

autograde: install  ## grade everything in submitted/ (ASSIGNMENT=... for one)
	@test -d submitted || { echo "No submitted/ folder: put submissions in submitted/<student>/<assignment>/<assignment>.ipynb"; exit 1; }
	@for a in $(IDS); do \
	  if ls -d submitted/*/"$$a" >/dev/null 2>&1; then $(BIN)/nbgrader autograde "$$a" --log-level=WARN; fi; done

feedback: install  ## write per-student HTML feedback to feedback/ (hidden tests hidden)
	@for a in $(IDS); do \
	  if ls -d autograded/*/"$$a" >/dev/null 2>&1; then $(BIN)/nbgrader generate_feedback "$$a" --force --log-level=WARN; fi; done

grades: install  ## write grades.csv: scores, pass / needs revision, standing
	$(PY) tools/grades.py --out grades.csv

test: install  ## run every test: nnkit, notebooks (nbval), generated folders, grading pipeline
	MPLBACKEND=Agg $(PY) -m pytest -p no:cacheprovider --nbval --nbval-sanitize-with tests/sanitize.cfg \
	  --nbval-current-env tests course solutions

clean:  ## remove caches and the local gradebook (never submitted/, never .venv)
	rm -rf .pytest_cache build *.egg-info nnkit/__pycache__ tests/__pycache__ tools/__pycache__

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
# Grading limits for one run of make autograde, empty to keep their defaults. Each is declared once, with
# its default and meaning, in grader/judge.py (SandboxedJudge: timeout, submission_timeout, memory_mb,
# output_limit), which c.SandboxedJudge.<name> in nbgrader_config.py may change;
# `.venv/bin/python -m grader autograde --help` prints them. CELL_TIMEOUT is seconds per cell.
JOBS               ?= $(shell nproc 2>/dev/null || echo 2)
CELL_TIMEOUT       ?=
SUBMISSION_TIMEOUT ?=
MEMORY_MB          ?=
OUTPUT_LIMIT       ?=
# Student code runs in a bubblewrap sandbox; SANDBOX=none grades unconfined, on purpose only.
SANDBOX            ?= bwrap
# A course on several machines (README, "Running a course on JupyterHub"): DB_URL=postgresql://... is the
# gradebook every target reads and writes (grader/gradebook.py); DASK_SCHEDULER=tcp://host:8786 makes
# make autograde grade on that Dask cluster (grader/cluster.py). Unset: gradebook.db and this machine.
DB_URL             ?=
DASK_SCHEDULER     ?=
export DB_URL
# configurable-http-proxy, JupyterHub's proxy, from npm (make hub-tool).
CHP_VERSION        := 5.3.0
SOURCES    := $(notdir $(patsubst %/,%,$(wildcard source/a[0-9]*/)))
IDS        := $(if $(ASSIGNMENT),$(ASSIGNMENT),$(SOURCES))

.PHONY: help install sandbox-tool browser-tool hub-tool test-hub test-widgets mutation transplant lab assignments solutions collect roster autograde feedback grades report student-bundle site test bench clean

help:  ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-15s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  Variables: ASSIGNMENT=aNN-name limits assignments/solutions/autograde/feedback to one assignment;"
	@echo "             UNTIL=aNN-name makes student-bundle what students hold in the week that releases it."

install: $(STAMP)  ## create .venv with the pinned packages and nnkit (idempotent)

$(STAMP): requirements.txt requirements-student.txt pyproject.toml Makefile grader/templates/formgrade/mathjax.html.j2 grader/templates/formgrade/course.css
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# uv installs the same pinned versions as pip in seconds instead of a minute; pip stays the fallback.
	@# TMPDIR: uv leaves a lock file in the temp folder; it stays in .venv/, not in the machine's /tmp.
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9 && \
	  TMPDIR=$(CURDIR)/$(VENV) $(BIN)/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.txt -e . || \
	  $(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -e .
	@# jsonschema's optional IRI check (pulled in by jupyter-events) compiles a grammar whenever nbformat is
	@# imported: 1.4 s of every nbgrader, nbconvert and grader process. Nothing here validates IRIs.
	$(PY) -m pip uninstall --quiet --yes rfc3987-syntax
	@# The Formgrader's submission view loads MathJax from this server, not a CDN (see the template).
	install -D -m 0644 grader/templates/formgrade/mathjax.html.j2 $(VENV)/share/jupyter/nbconvert/templates/formgrade/mathjax.html.j2
	install -D -m 0644 grader/templates/formgrade/course.css $(VENV)/share/jupyter/nbconvert/templates/formgrade/course.css
	@# A local course has no exchange: switch off nbgrader's exchange pages so they do not warn. And no
	@# "get Jupyter news?" prompt: a course environment stays offline and quiet. (One call per command: each
	@# jupyter call takes 1.4 s to start.)
	$(BIN)/jupyter server extension disable --sys-prefix --log-level=ERROR nbgrader.server_extensions.assignment_list \
	  nbgrader.server_extensions.course_list
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader:assignment-list @jupyter/nbgrader:course-list \
	  @jupyterlab/apputils-extension:announcements >/dev/null 2>&1
	@touch $@

# The grading sandbox needs Debian's bubblewrap: installed here when missing, if we may (root, apt-get).
sandbox-tool:  ## install bubblewrap, the grading sandbox, when it is missing (as root, with apt-get)
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing bubblewrap (the grading sandbox)"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; \
	  else echo "bubblewrap (bwrap) is missing: install it (sudo apt-get install bubblewrap), or grade with SANDBOX=none"; fi; }

# Browser tests drive Debian's Chromium: installed here when missing, if we may (root, apt-get).
browser-tool:  ## install Chromium, for the browser tests, when it is missing (as root, with apt-get)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing chromium (the browser tests)"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: the browser tests will be skipped (sudo apt-get install chromium)"; fi; }

# make test-hub needs PostgreSQL (Debian's package), Node.js and configurable-http-proxy (npm, into .venv/).
hub-tool: install  ## install PostgreSQL, Node.js and JupyterHub's proxy when missing (as root, with apt-get; npm)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing PostgreSQL and Node.js (the JupyterHub test)"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql nodejs npm >/dev/null; \
	  else echo "PostgreSQL or npm is missing: sudo apt-get install postgresql nodejs npm"; exit 1; fi; }
	@test -x $(VENV)/node_modules/.bin/configurable-http-proxy || \
	  npm install --silent --no-audit --no-fund --prefix $(VENV) configurable-http-proxy@$(CHP_VERSION)

lab: install  ## open JupyterLab on the course
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/course/index.ipynb \
	  --LabApp.app_settings_dir="$(CURDIR)/tools/student-jupyter-config/lab-settings" $(if $(filter 0,$(shell id -u)),--allow-root)

assignments: install  ## regenerate assignments/ (student versions) from source/, and course/index.ipynb
	@for a in $(IDS); do $(BIN)/nbgrader generate_assignment "$$a" --force --log-level=WARN || exit 1; done
	@$(PY) tools/lab_form.py $(foreach a,$(IDS),assignments/$(a)/$(a).ipynb)
	@$(PY) tools/course_index.py

solutions: install  ## regenerate solutions/ (executed instructor versions) from source/
	@for a in $(IDS); do $(BIN)/nbgrader generate_solution "$$a" --force --log-level=WARN || exit 1; done

collect: install  ## file an LMS zip into submitted/: make collect ZIP=download.zip ASSIGNMENT=aNN-name
	@test -n "$(ZIP)" -a -n "$(ASSIGNMENT)" || { echo "usage: make collect ZIP=path/to/download.zip ASSIGNMENT=aNN-name"; exit 1; }
	$(PY) tools/collect.py "$(ZIP)" "$(ASSIGNMENT)"

autograde: install $(if $(filter none,$(SANDBOX)),,sandbox-tool)  ## grade submitted/ in parallel, sandboxed (JOBS=N, ASSIGNMENT=..., SANDBOX=none, limits CELL_TIMEOUT= SUBMISSION_TIMEOUT= MEMORY_MB= OUTPUT_LIMIT=)
	$(PY) -m grader autograde $(ASSIGNMENT) --sandbox $(SANDBOX) \
	  $(if $(DASK_SCHEDULER),--dask $(DASK_SCHEDULER) $(if $(filter command line,$(origin JOBS)),--jobs $(JOBS)),--jobs $(JOBS)) \
	  $(if $(CELL_TIMEOUT),--cell-timeout $(CELL_TIMEOUT)) $(if $(SUBMISSION_TIMEOUT),--submission-timeout $(SUBMISSION_TIMEOUT)) \
	  $(if $(MEMORY_MB),--memory-mb $(MEMORY_MB)) $(if $(OUTPUT_LIMIT),--output-limit $(OUTPUT_LIMIT))

feedback: install  ## write per-student HTML feedback to feedback/ (hidden tests hidden), and lms/<assignment>-feedback.zip for the LMS
	@for a in $(IDS); do \
	  if ls -d autograded/*/"$$a" >/dev/null 2>&1; then \
	    $(BIN)/nbgrader generate_feedback "$$a" --force --log-level=ERROR || exit 1; \
	    echo "$$a: $$(ls feedback/*/"$$a"/"$$a".html | wc -l) page(s), feedback/<student>/$$a/$$a.html"; \
	    $(PY) -m grader.lms feedback "$$a" || exit 1; \
	  elif [ -n "$(ASSIGNMENT)" ]; then echo "$$a: nothing graded yet (make autograde ASSIGNMENT=$$a first)"; fi; done
	@ls -d autograded/*/* >/dev/null 2>&1 || echo "Nothing graded yet: run make autograde first."

roster: install  ## put students' names and emails in the gradebook: make roster ROSTER=students.csv (columns id,first_name,last_name,email)
	@test -n "$(ROSTER)" || { echo "usage: make roster ROSTER=students.csv (a header row id,first_name,last_name,email; id as in submitted/)"; exit 1; }
	$(BIN)/nbgrader db student import "$(ROSTER)" --log-level=WARN
	@$(PY) -c "from nbgrader.api import Gradebook; from grader import gradebook; gb = Gradebook(gradebook.url()); print(f'The gradebook ({gradebook.where()}) has {len(gb.students)} student(s); the Formgrader shows their names.')"

grades: install  ## write grades.csv: scores, pass / needs revision / awaiting manual grading / ungraded, letter grades (with milestones.csv)
	$(PY) tools/grades.py --out grades.csv

report: install  ## per assignment: score histogram, pass rate, failed test cells, ungraded and flagged
	$(PY) tools/report.py --out reports

student-bundle: install assignments  ## write dist/student-bundle.zip: what students hold (UNTIL=aNN-name: in the week that releases it)
	$(PY) tools/student_bundle.py dist/student-bundle$(if $(UNTIL),-$(UNTIL)).zip $(if $(UNTIL),--until $(UNTIL))

site: install  ## build the course as a static website in build/site/ (lectures, assignments, glossary; offline)
	$(PY) tools/site.py --out build/site

test-widgets: install browser-tool  ## every lecture's interactive figure in JupyterLab, in Chromium (make test tries three)
	$(PY) -m pytest -p no:cacheprovider tests/test_browser.py -k interactive_figure

test-hub: install sandbox-tool hub-tool  ## a term on JupyterHub: exchange, PostgreSQL gradebook, grading on Dask (loopback only)
	$(PY) -m pytest -q -p no:cacheprovider tests/test_hub.py

test: install sandbox-tool browser-tool hub-tool  ## run every test: nnkit, notebooks (nbval), generated folders, grading pipeline, browser
	$(PY) tools/run_tests.py

mutation: install  ## mutation score of every graded item's hidden tests, and the surviving mutants
	OPENBLAS_NUM_THREADS=1 $(PY) -m quality.mutation $(ASSIGNMENT)

transplant: install  ## for every week of plan.toml: does anything students hold pass a hidden test of an open assignment?
	OPENBLAS_NUM_THREADS=1 $(PY) -m quality.transplant

bench: install sandbox-tool hub-tool  ## figures: Run All time of every notebook; grading a class, stock nbgrader vs make autograde; sizing a class of 300 (local pool, Dask, PostgreSQL)
	MPLBACKEND=Agg $(PY) tools/time_notebooks.py
	$(PY) tools/bench.py

clean:  ## remove build and test caches (never student data, the gradebook or .venv)
	rm -rf .pytest_cache build *.egg-info nnkit/__pycache__ grader/__pycache__ quality/__pycache__ site/__pycache__ tests/__pycache__ tools/__pycache__

"""Run the whole test suite as a few pytest sessions side by side (make test).

    .venv/bin/python tools/run_tests.py

One pytest session keeps about 1.1 of this machine's 2 cores busy: much of the
suite waits on kernels, sandboxes, timeouts and a browser. Seven sessions, each
a group of test files that share no fixture, fill that time: the notebooks
(nbval), the transplant test, the measures (mutation, nnkit, worked numbers),
the sandbox catalog, the pipeline (everything that needs the course of all twelve
assignments, generated once: grading it, and comparing it with what is committed), the browser tests that need no graded course (the site
among them), and the steps (every other test file: a new one joins these). numpy's OpenBLAS
runs one thread per process here (as in the grading sandbox): with several
processes its spinning helper threads only take cores from each other
(`python -m quality.transplant`: 167 s of user time with two threads, 108 s
with one). Each session's output goes to build/test-<name>.log and is printed
when all have finished, then one line per session: passed or FAILED, its wall
time and the CPU time it used (with its children).

Each session's temporary folders (pytest's --basetemp) are under one folder of
the run, removed when it ends, passed or failed: make test leaves nothing in
/tmp (pytest's own /tmp/pytest-of-<user> kept the last three runs, 85 MB).

A new tests/test_*.py file joins the session "steps" unless SESSIONS names it.
A session that runs past LIMIT seconds is stopped, with everything it started,
and fails: `make test` must stay under 10 minutes on 2 cores.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.processes import kill_tree

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 900                     # seconds one session may run
NBVAL = ["--nbval", "--nbval-sanitize-with", "tests/sanitize.cfg", "--nbval-current-env"]
# The browser tests that need the graded course (the session fixture `graded`) run with the other tests that do.
GRADED_BROWSER = ["tests/test_browser.py::test_formgrader_names_students_shows_flags_and_renders_math",
                  "tests/test_browser.py::test_feedback_page_reads_offline_with_named_cells_and_no_hidden_tests"]
# Every widget is drawn by one helper (nnkit.plots.interactive_figure), tried in Lab by three of them here; the
# others' browser tests (about 10 CPU-s each) run with `make test-widgets`, every still image with test_numbers_*.
MORE_WIDGETS = [f"tests/test_browser.py::test_the_interactive_figure_shows_a_still_then_answers_its_controls[{unit}]"
                for unit in ("5.2", "5.3", "5.4", "5.5")]
# Sessions with no time limit inside them run niced: they take the cores the others leave idle, and the
# pipeline (the longest: it grades every known case) gets them first. The timed sessions (mutants killed
# after 10 s, grading timeouts, the browser's waits) keep their priority.
NICE = {"transplant": 5, "notebooks": 5}
# name -> the arguments of one session; the session "steps" takes every tests/test_*.py none of these names
# (a new test file joins it).
SESSIONS = {
    # The solutions run cell by cell under the grader in the pipeline (the known case "solution", which must score
    # full marks; test_generated holds solutions/ to the same source), so nbval executes the lectures only.
    "notebooks": NBVAL + ["course"],
    "transplant": ["tests/test_transplant.py"],
    "measures": ["tests/test_mutation.py", "tests/test_nnkit.py",
                 *sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("tests/test_numbers_*.py"))],
    "sandbox": ["tests/test_bad_submissions.py"],
    # test_generated compares the committed releases and solutions with the same generated course.
    "pipeline": ["tests/test_grading_pipeline.py", "tests/test_parity.py", *GRADED_BROWSER, "tests/test_generated.py"],
    # The browser tests that need no graded course: mostly waiting on Lab and Chromium, beside the others.
    "browser": ["tests/test_browser.py", *(f"--deselect={test}" for test in GRADED_BROWSER + MORE_WIDGETS)],
}


def rest():
    named = {a.split("::")[0] for args in SESSIONS.values() for a in args}
    return sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("tests/test_*.py") if str(p.relative_to(ROOT)) not in named)


def run(sessions, logs, limit=LIMIT):
    """Run {name: pytest arguments} side by side, logs in logs/test-<name>.log; return the exit code.

    Each session's temporary folders (pytest's tmp_path) are under a folder of this run, removed when it ends.
    """
    temp = Path(tempfile.mkdtemp(prefix="make-test-"))
    try:
        return _run(sessions, logs, limit, temp)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _run(sessions, logs, limit, temp):
    logs.mkdir(exist_ok=True)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    running = {}
    for name, args in sessions.items():
        log = (logs / f"test-{name}.log").open("w")
        cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--durations=5", f"--basetemp={temp / name}",
               *args]
        nice = (lambda n=NICE[name]: os.nice(n)) if name in NICE else None
        running[name] = (subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                          preexec_fn=nice), log, time.monotonic())
    print(f"make test: {len(running)} pytest sessions side by side ({', '.join(running)}); logs in {logs}/test-*.log",
          flush=True)
    results = {}
    while len(results) < len(running):
        for name, (proc, log, start) in running.items():
            if name in results:
                continue
            over = time.monotonic() - start > limit
            if over:
                kill_tree(proc.pid, wait=0)                # os.wait4 below reaps it, with its CPU time
            pid, status, usage = os.wait4(proc.pid, 0 if over else os.WNOHANG)
            if pid:
                code = f"stopped: over its time limit of {limit} s" if over else os.waitstatus_to_exitcode(status)
                results[name] = (code, time.monotonic() - start, usage.ru_utime + usage.ru_stime)
                log.close()
        time.sleep(0.5)
    for name in running:
        print(f"\n==== session {name}: {' '.join(sessions[name])}\n")
        print((logs / f"test-{name}.log").read_text())
    print("\n".join(f"session {name:10s} {'passed' if code == 0 else 'FAILED'} in {secs:.0f} s, CPU {cpu:.0f} s"
                    + (f" ({code})" if isinstance(code, str) else "")
                    for name, (code, secs, cpu) in results.items()))
    return 0 if all(code == 0 for code, _, _ in results.values()) else 1


def main():
    return run({**SESSIONS, "steps": rest()}, ROOT / "build")


if __name__ == "__main__":
    sys.exit(main())

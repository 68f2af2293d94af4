"""Grading parity: every graded cell scores the same in the student's own process and in the sandbox.

    .venv/bin/python -m quality.parity COURSE [ASSIGNMENT ...] [--jobs N]

COURSE is a course whose submissions were graded by the grader (the sandboxed
judge), for example the temporary course of tests/test_parity.py. For each of
its autograded notebooks (autograded/<student>/<aid>/<aid>.ipynb: the answers
as submitted, the locked and test cells as nbgrader restored them from the
gradebook), every code cell runs in order in one IPython shell, in a forked
process: the way stock nbgrader's in-kernel autograde and the student's own
Run All run them, tests and answers sharing one process. The policy is the
sandbox's: code of an answer cell (or a student's own cell) gets an ImportError
for the modules answers may not use (nnkit.grading.FORBIDDEN), tests import
them freely; what differs is only the wire. A graded cell scores its points if it ran without an
exception, nbgrader's rule (cells after the last test cell, a closing demo,
decide no score and are not run). Every cell's score
is compared with the one the judge gave (the gradebook); each difference is
printed as `aid / student / cell: in-kernel x, judge y`, and the exit code is 1.
"""

import argparse
import builtins
import contextlib
import importlib
import io
import linecache
import os
import signal
import sys
import warnings
from pathlib import Path

import nbformat

from nnkit.grading import is_forbidden

from grader.assignment import is_answer, is_test, meta

from .coursekit import assignment_ids, cell_scores
from .pool import run_all

CELL_TIMEOUT = 60


class CellTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise CellTimeout()


class AnswerImports:
    """Answer cells (and the functions they define) may not import what the sandbox does not hold.

    Every import is checked against the frame that makes it: code of an answer cell gets an
    ImportError for a forbidden module, as in the sandbox; tests import what they like, as in the judge.
    """

    def __init__(self):
        self.files = set()
        self.real_import, self.real_import_module = builtins.__import__, importlib.import_module

    def refuse(self, names):
        if sys._getframe(2).f_code.co_filename in self.files:
            for name in names:
                if is_forbidden(name):
                    raise ImportError(f"{name} is not available while grading: answers are written from scratch")

    def __import__(self, name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0:
            self.refuse([name] + [f"{name}.{item}" for item in fromlist or ()])
        return self.real_import(name, globals, locals, fromlist, level)

    def import_module(self, name, package=None):
        self.refuse([name])
        return self.real_import_module(name, package)

    def install(self):
        builtins.__import__, importlib.import_module = self.__import__, self.import_module


def in_kernel_scores(path):
    """{grade_id: score} of one autograded notebook, every cell run in one IPython shell here."""
    from IPython.core.interactiveshell import InteractiveShell

    imports = AnswerImports()
    imports.install()
    os.environ["MPLBACKEND"] = "Agg"
    nb = nbformat.read(path, as_version=4)
    os.chdir(Path(path).parent)
    shell = InteractiveShell.instance(history_length=0, colors="NoColor")
    shell.history_manager.enabled = False
    shell.enable_gui = lambda gui=None: None
    signal.signal(signal.SIGALRM, _alarm)
    scores = {}
    graded = [i for i, c in enumerate(nb.cells) if is_test(c)]
    cells = nb.cells[:graded[-1] + 1] if graded else []   # what runs after the last test decides no score
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")              # as the sandbox's PYTHONWARNINGS=ignore
        for cell in cells:
            if cell.cell_type != "code":
                continue
            known = set(linecache.cache)
            signal.alarm(CELL_TIMEOUT)
            try:
                ok = shell.run_cell(cell.source, store_history=False).success
            except CellTimeout:
                ok = False
            finally:
                signal.alarm(0)
            if is_answer(cell) or not meta(cell).get("locked"):
                imports.files |= set(linecache.cache) - known
            if is_test(cell):
                scores[meta(cell)["grade_id"]] = float(meta(cell).get("points", 0)) if ok else 0.0
    return scores


def _preload():
    """Make here, once, what every forked run needs: IPython's shell, matplotlib (Agg) for the closing
    demonstrations' `import matplotlib.pyplot`, and the notebook schema's validator that nbformat.read
    compiles. Each child then finds them made instead of making them again (0.1 s for IPython, 0.3 s for
    pyplot, 0.05 s for the validator, in every one of some 240 runs)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import nbformat.validator
    from IPython.core import interactiveshell  # noqa: F401
    nbformat.validator.get_validator()


def differences(course, aids, jobs=2):
    """Lines `aid / student / cell: in-kernel x, judge y` for every graded cell whose scores differ."""
    course = Path(course).resolve()
    _preload()
    tasks = [((aid, p.parent.parent.name), (str(p),)) for aid in aids
             for p in sorted((course / "autograded").glob(f"*/{aid}/{aid}.ipynb"))]
    cwd = os.getcwd()
    try:
        results = run_all(tasks, in_kernel_scores, jobs, timeout=600)
    finally:
        os.chdir(cwd)
    judged = {aid: cell_scores(course, aid) for aid in aids}
    lines = []
    for (aid, student), result in sorted(results.items()):
        if "error" in result:
            lines.append(f"{aid} / {student}: the in-kernel run failed: {result['error'].strip().splitlines()[-1]}")
            continue
        judge = judged[aid].get(student, {})
        for gid, score in sorted(result["value"].items()):
            theirs = judge.get(gid, (None, None))[0]
            if theirs is None or abs(float(theirs) - score) > 1e-9:
                lines.append(f"{aid} / {student} / {gid}: in-kernel {score:g}, judge {theirs}")
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m quality.parity", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("course")
    ap.add_argument("assignments", nargs="*")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args(argv)
    lines = differences(args.course, args.assignments or assignment_ids(args.course), args.jobs)
    print("\n".join(lines) if lines else "every graded cell scored the same in the kernel and in the judge")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())

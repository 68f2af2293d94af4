"""The transplant test: nothing students hold answers an assignment that is not yet due.

    .venv/bin/python -m quality.transplant [--jobs N]

For every stage of the course plan (plan.toml), every function and class that
the stage's student bundle defines, in the nnkit modules it ships and in the
code cells of the lectures released so far, is put in place of each graded
function or class of every assignment not yet due: under the same name, or,
for a function, wherever its parameters fit (it accepts the graded function's
required arguments), and for a class, in place of every graded class. Each
transplant runs that item's hidden test cells in-process, in a forked child
(one per candidate, each transplant with a namespace and a time limit of its own),
with the from-scratch check switched off (it is the code that is on trial,
not where it lives). It *passes* a cell when the cell runs to the end.

Prints every transplant that passed a hidden cell; tests/test_transplant.py
asserts there are none.
"""

import argparse
import ast
import contextlib
import importlib
import inspect
import io
import os
import sys
import time
import warnings
from pathlib import Path

import nbformat

from nnkit import datasets

from grader import plan as course_plan

from .mutation import Assignment, base_namespace
from .pool import fresh, run_all, time_limit

ROOT = Path(__file__).resolve().parents[1]


# ---- what is graded, and what may stand in for it ---------------------------------

def graded_definitions(a):
    """[(item, name, kind, required)] of the top-level defs of a's answer cells
    (required: how many positional arguments a function must be given)."""
    out = []
    for item in a.items:
        for node in ast.parse(a.answer(item)).body:
            if isinstance(node, ast.ClassDef):
                out.append((item, node.name, "class", 0))
            elif isinstance(node, ast.FunctionDef):
                args = node.args.posonlyargs + node.args.args
                out.append((item, node.name, "function", len(args) - len(node.args.defaults)))
    return out


def fits(candidate, name, kind, required):
    """Whether a candidate (a function or class) stands in for a graded definition."""
    if getattr(candidate, "__name__", None) == name:
        return True
    if kind == "class":
        return inspect.isclass(candidate)
    if inspect.isclass(candidate):
        return False
    try:
        params = inspect.signature(candidate).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    needed = sum(p.default is p.empty for p in positional)
    varargs = any(p.kind == p.VAR_POSITIONAL for p in params)
    return needed <= required and (required <= len(positional) or varargs)


def definitions(namespace, module_name):
    """{label: object} of the functions and classes a namespace itself defines."""
    return {name: obj for name, obj in namespace.items()
            if (inspect.isfunction(obj) or inspect.isclass(obj))
            and getattr(obj, "__module__", None) == module_name and not name.startswith("__")}


# ---- the sources of candidates ----------------------------------------------------

def run_lecture(path):
    """Execute a lecture's code cells in this process; return its namespace."""
    os.environ["MPLBACKEND"] = "Agg"
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance(history_length=0, colors="NoColor")
    shell.history_manager.enabled = False
    # `%matplotlib inline` keeps Agg, so that plt.show() renders nothing: figures are not what is on trial
    # here, and drawing them was a fifth of this test's time.
    shell.enable_gui = lambda gui=None: None
    shell.enable_matplotlib = lambda gui=None: (gui, "agg")
    nb = nbformat.read(path, as_version=4)
    cwd = os.getcwd()
    os.chdir(Path(path).parent)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for cell in nb.cells:
                if cell.cell_type == "code":
                    result = shell.run_cell(cell.source, silent=True)
                    if not result.success:
                        raise RuntimeError(f"{path.name}: a code cell failed: {result.error_in_exec!r}")
                    if "matplotlib.pyplot" in sys.modules:
                        sys.modules["matplotlib.pyplot"].close("all")
    finally:
        os.chdir(cwd)
    return shell.user_ns


def candidates_of(source):
    """{label: object} for one source: ("lecture", path) or ("nnkit", module)."""
    kind, what = source
    if kind == "lecture":
        ns = run_lecture(Path(what))
        return {f"{Path(what).parent.name}/{Path(what).stem}: {n}": o for n, o in definitions(ns, "__main__").items()}
    module = importlib.import_module(f"nnkit.{what}")
    return {f"nnkit.{what}.{n}": o for n, o in definitions(vars(module), module.__name__).items()}


# ---- running one transplant ---------------------------------------------------------

def _no_check(*args, **kwargs):
    return None


def _transplant_child(obj, trials, timeout):
    """Run one candidate in place of each graded definition of trials [(a, prepared, item, name)], here (in a
    forked child); return the hidden cells each trial passed.

    Each trial has `timeout` seconds and a namespace of its own (pool.fresh), so that a candidate that changes
    its input in place leaves the next trial's data as it was.
    """
    from nnkit import grading

    warnings.simplefilter("ignore")
    grading.assert_from_scratch = _no_check
    grading.find_delegation = _no_check
    passed = []
    for a, prepared, item, name in trials:
        ns = fresh(prepared)

        def put(ns):
            ns[name] = obj
        try:
            with time_limit(timeout), contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                passed.append(a.run_cells(ns, item, a.answer(item), after=put, prepared=True))
        except BaseException:                       # the candidate ended its trial (exit, timeout): nothing passed
            passed.append([])
    return passed


def prepare_all(aids):
    """{aid: Assignment} and {(aid, item): namespace before item's answer cell}, made once for every source."""
    assignments = {aid: Assignment(aid) for aid in aids}
    prepared = {}
    for aid, a in assignments.items():
        base = base_namespace(a)
        prepared.update({(aid, item): a.prepare(base, item) for item in a.items})
    return assignments, prepared


def transplants_of(source, targets, timeout, assignments, prepared):
    """Run every fitting transplant of one source's candidates: each candidate in a forked child of its own.

    targets: [(aid, item, name, kind, required)]; assignments and prepared: prepare_all()'s. Returns
    [[source, label, aid, item, name, passed hidden cells]] for every transplant tried.
    """
    found = candidates_of(source)
    tasks = []
    for label, obj in found.items():
        fitting = [(aid, item, name) for aid, item, name, kind, required in targets if fits(obj, name, kind, required)]
        if fitting:
            trials = [(assignments[aid], prepared[aid, item], item, name) for aid, item, name in fitting]
            tasks.append(((label, fitting), (obj, trials, timeout)))
    results = run_all([(label, args) for (label, _), args in tasks], _transplant_child, 1,
                      timeout * max([len(args[1]) for _, args in tasks] or [1]) + 10)
    rows = []
    for (label, fitting), _ in tasks:
        passed = results[label].get("value") or [[] for _ in fitting]
        rows += [[list(source), label, aid, item, name, cells] for (aid, item, name), cells in zip(fitting, passed)]
    return rows


def sources(stage):
    """The sources of candidates students hold at a stage: ("nnkit", module) and ("lecture", path)."""
    return [("nnkit", m) for m in stage.nnkit_modules if m != "__init__"] + [("lecture", str(p)) for p in stage.lectures]


def sources_and_targets(stages):
    """[(source, targets)]: each source once, with the items not yet due when it first ships."""
    firsts = {}
    for stage in stages:
        for source in sources(stage):
            firsts.setdefault(source, stage)
    out = []
    for source, stage in firsts.items():
        targets = [(aid, *d) for aid in stage.not_due for d in graded_definitions(Assignment(aid))]
        out.append((source, targets))
    return out


def check(jobs=2, timeout=60):
    """Every transplant tried: ([[source, label, aid, item, name, passed cells]], stages)."""
    stages = course_plan.load().stages()
    work = sources_and_targets(stages)
    datasets.preload()
    # Every assignment's namespaces are made here, once: each source's worker is forked from this process.
    assignments, prepared = prepare_all({t[0] for _, targets in work for t in targets})
    tasks = [(str(source), (source, targets, timeout, assignments, prepared)) for source, targets in work]
    results = run_all(tasks, transplants_of, jobs, timeout * 50)
    broken = {key: value["error"] for key, value in results.items() if "error" in value}
    if broken:
        raise RuntimeError("transplants could not run:\n" + "\n".join(f"{k}: {v}" for k, v in broken.items()))
    return [row for value in results.values() for row in value["value"]], stages


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int, default=60, help="seconds one transplant may run")
    args = ap.parse_args()
    t0 = time.time()
    rows, stages = check(args.jobs, args.timeout)
    passing = [row for row in rows if row[5]]
    for stage in stages:
        mine = {tuple(s) for s in sources(stage)}
        tried = [r for r in rows if tuple(r[0]) in mine and r[2] in stage.not_due]
        bad = [r for r in tried if r[5]]
        print(f"week {stage.week} ({stage.assignment} released): {len(tried)} transplants into "
              f"{', '.join(stage.not_due)}; {len(bad)} pass a hidden cell")
        for _, label, aid, item, name, cells in bad:
            print(f"    {label} as {aid} {name} passes {', '.join(cells)}")
    print(f"{len(rows)} transplants in {time.time() - t0:.0f} s; {len(passing)} passed a hidden cell")
    raise SystemExit(1 if passing else 0)


if __name__ == "__main__":
    main()

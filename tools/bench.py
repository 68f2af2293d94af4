"""Benchmark: grade a synthetic class with stock nbgrader and with make autograde.

    .venv/bin/python tools/bench.py [--size 64] [--jobs N] [--cell-timeout 10]

Builds a class of at least 60 submissions of a02-backprop and a03-mlp in a
temporary course: correct ones, buggy variants (tests/buggy/), blank
releases and pathological ones (an infinite loop, os._exit, a memory bomb).
Grades it in four ways and prints seconds per notebook and the speed-ups:
- stock nbgrader: serial `nbgrader autograde` per assignment, with
  nbgrader's own preprocessors (tests in the student's kernel);
- the old in-kernel way: the same preprocessors, graded in parallel by the
  grader's coordinator (what make autograde did before the sandbox);
- sandbox + judge (make autograde today), with 1 worker and with N;
- the judge unconfined (SANDBOX=none), with N workers.
Nothing is asserted: these are figures.
"""

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from quality import coursekit as ck

AIDS = ["a02-backprop", "a03-mlp"]
PATHOLOGICAL = {
    "loop": "while True:\n    pass",
    "exit": "import os\nos._exit(1)",
    # 4 GB: over make autograde's 2 GiB cap, and bounded, since stock nbgrader runs it unconfined.
    "membomb": "junk = [bytearray(10**8) for _ in range(40)]",
}


def build_class(course, size):
    per = size // len(AIDS)
    for aid in AIDS:
        source = nbformat.read(course / "source" / aid / f"{aid}.ipynb", as_version=4)
        release = nbformat.read(course / "assignments" / aid / f"{aid}.ipynb", as_version=4)
        good = ck.student_answer(source, release)
        kinds = [("good", good), ("blank", release)]
        kinds += [(f"bug-{p.stem}", ck.apply_variant(good, ck.load_variant(p)[2])) for p in ck.variants(aid)]
        for name, code in PATHOLOGICAL.items():
            nb = nbformat.from_dict(good)
            first = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
            first.source += "\n" + code
            kinds.append((name, nb))
        for i, (name, nb) in zip(range(per), itertools.cycle(kinds)):
            ck.submit(course, f"s{i:03d}-{name}", aid, nb)
    return per * len(AIDS)


def timed(cmd, cwd):
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}"))
    if proc.returncode != 0:
        print(f"  ({Path(cmd[1]).name if cmd[1].endswith('.py') else 'nbgrader'} exited with {proc.returncode}: "
              "some submissions could not be graded)")
    return time.time() - t0


def reset(course):
    shutil.rmtree(course / "autograded", ignore_errors=True)


# nbgrader 0.9's own autograde chain: tests run in the student's kernel.
STOCK = """
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput", "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec", "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata"]
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute", "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata"]
"""


def row(label, seconds, n):
    print(f"{label:44s} {seconds:7.1f} s  {seconds / n:5.2f} s/notebook", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--cell-timeout", type=int, default=10)
    args = ap.parse_args()
    course = Path(tempfile.mkdtemp(prefix="bench-"))
    ck.make_course(course, AIDS)
    config = course / "nbgrader_config.py"
    with open(config, "a") as f:
        f.write(f"\nc.Execute.timeout = {args.cell_timeout}\nc.SandboxedJudge.timeout = {args.cell_timeout}\n")
    ours_config = config.read_text()
    n = build_class(course, args.size)
    print(f"Synthetic class: {n} submissions of {', '.join(AIDS)} in {course} "
          f"(cell timeout {args.cell_timeout} s, {os.cpu_count()} cores)")
    grader = [sys.executable, "-m", "grader", "autograde", "--quiet", "--force",
              "--submission-timeout", str(6 * args.cell_timeout)]

    config.write_text(ours_config + STOCK)
    stock = sum(timed([sys.executable, "-m", "nbgrader", "autograde", aid, "--force"], course) for aid in AIDS)
    row("stock nbgrader autograde, serial:", stock, n)
    reset(course)
    old = timed(grader + ["--jobs", str(args.jobs), "--sandbox", "none"], course)
    row(f"old in-kernel way, parallel, JOBS={args.jobs}:", old, n)

    config.write_text(ours_config)
    ours = {}
    for jobs in sorted({1, args.jobs}):
        reset(course)
        ours[jobs] = timed(grader + ["--jobs", str(jobs)], course)
        row(f"sandbox + judge (make autograde), JOBS={jobs}:", ours[jobs], n)
    reset(course)
    bare = timed(grader + ["--jobs", str(args.jobs), "--sandbox", "none"], course)
    row(f"judge without the sandbox, JOBS={args.jobs}:", bare, n)
    best = ours[max(ours)]
    print(f"speed-up of make autograde over stock with JOBS={max(ours)}: {stock / best:.2f}x")
    if len(ours) > 1:
        print(f"scaling from 1 to {max(ours)} workers: {ours[1] / best:.2f}x (ideal {max(ours)}x)")
    print(f"cost of the sandbox: {best / bare:.2f}x the time of the judge unconfined")
    shutil.rmtree(course, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Benchmark: grade a synthetic class with stock nbgrader and with make autograde.

    .venv/bin/python tools/bench.py [--size 64] [--jobs N] [--cell-timeout 10]

Builds a class of at least 60 submissions of a02-backprop and a03-mlp in a
temporary course: correct ones, buggy variants (tests/buggy/), blank
releases and pathological ones (an infinite loop, os._exit, a memory bomb).
Grades it twice: stock serial `nbgrader autograde` per assignment, then
tools/autograde.py with 1 worker and with N workers. Prints seconds per
notebook for each and the speed-ups. Nothing is asserted: these are figures.
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

from grader import coursekit as ck

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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--cell-timeout", type=int, default=10)
    args = ap.parse_args()
    course = Path(tempfile.mkdtemp(prefix="bench-"))
    ck.make_course(course, AIDS)
    with open(course / "nbgrader_config.py", "a") as f:
        f.write(f"\nc.Execute.timeout = {args.cell_timeout}\n")
    n = build_class(course, args.size)
    print(f"Synthetic class: {n} submissions of {', '.join(AIDS)} in {course} "
          f"(cell timeout {args.cell_timeout} s, {os.cpu_count()} cores)")

    stock = sum(timed([sys.executable, "-m", "nbgrader", "autograde", aid, "--force"], course) for aid in AIDS)
    print(f"stock nbgrader autograde, serial:  {stock:7.1f} s  {stock / n:5.2f} s/notebook")
    ours = {}
    for jobs in sorted({1, args.jobs}):
        reset(course)
        ours[jobs] = timed([sys.executable, "-m", "grader", "autograde", "--jobs", str(jobs),
                            "--quiet", "--submission-timeout", str(6 * args.cell_timeout)], course)
        print(f"make autograde, JOBS={jobs}:            {ours[jobs]:7.1f} s  {ours[jobs] / n:5.2f} s/notebook")
    best = ours[max(ours)]
    print(f"speed-up over stock with JOBS={max(ours)}: {stock / best:.2f}x")
    if len(ours) > 1:
        print(f"scaling from 1 to {max(ours)} workers: {ours[1] / best:.2f}x (ideal {max(ours)}x)")
    shutil.rmtree(course, ignore_errors=True)


if __name__ == "__main__":
    main()

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
Then it sizes a course (--class 300): a class of honest submissions (right,
buggy, blank) graded with 1 and 2 local workers and on a Dask cluster of 2
workers (grader/cluster.py), with the SQLite gradebook, and with 2 local
workers and PostgreSQL (DB_URL), each on this machine; it prints seconds per submission, what each
way costs beyond the grading itself, and the cores a class needs.
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
from quality import services

AIDS = ["a02-backprop", "a03-mlp"]
PATHOLOGICAL = {
    "loop": "while True:\n    pass",
    "exit": "import os\nos._exit(1)",
    # 4 GB: over make autograde's 2 GiB cap, and bounded, since stock nbgrader runs it unconfined.
    "membomb": "junk = [bytearray(10**8) for _ in range(40)]",
}


def build_class(course, size, pathological=True):
    per = size // len(AIDS)
    for aid in AIDS:
        source = nbformat.read(course / "source" / aid / f"{aid}.ipynb", as_version=4)
        release = nbformat.read(course / "assignments" / aid / f"{aid}.ipynb", as_version=4)
        good = ck.student_answer(source, release)
        kinds = [("good", good), ("blank", release)]
        kinds += [(f"bug-{p.stem}", ck.apply_variant(good, ck.load_variant(p)[2])) for p in ck.variants(aid)]
        for name, code in PATHOLOGICAL.items() if pathological else ():
            nb = nbformat.from_dict(good)
            first = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
            first.source += "\n" + code
            kinds.append((name, nb))
        for i, (name, nb) in zip(range(per), itertools.cycle(kinds)):
            ck.submit(course, f"s{i:03d}-{name}", aid, nb)
    return per * len(AIDS)


def timed(cmd, cwd, **env):
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", **env))
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


def job_seconds(course):
    """The mean time one grading job took, from the ledgers: the grading itself, wherever it ran."""
    from grader.ledger import all_ledgers
    seconds = [e["seconds"] for entries in all_ledgers(course).values() for e in entries.values() if e.get("seconds")]
    return sum(seconds) / max(1, len(seconds))


def sizing(size, cell_timeout):
    """Seconds per submission of a class of `size` honest submissions: local pool, Dask, SQLite, PostgreSQL."""
    folder = Path(tempfile.mkdtemp(prefix="bench-sizing-"))
    folder.chmod(0o755)                               # PostgreSQL's own user reaches its data folder
    course = ck.make_course(folder / "course", AIDS)
    with open(course / "nbgrader_config.py", "a") as f:
        f.write(f"\nc.SandboxedJudge.timeout = {cell_timeout}\n")
    n = build_class(course, size, pathological=False)
    print(f"\nSizing: {n} submissions of {', '.join(AIDS)} (right, buggy, blank), each way in processes of its "
          f"own on this machine ({os.cpu_count()} cores)")
    print(f"{'':44s} {'wall':>8s}  {'wall/sub':>9s}  {'job':>6s}  {'overhead':>8s}")
    grader = [sys.executable, "-m", "grader", "autograde", "--quiet", "--force"]
    procs = services.Processes(folder)
    results = {}
    try:
        address, _ = services.dask_cluster(procs, folder / "dask", workers=2)
        db_url = None
        for label, workers, extra, db in [("local pool, 1 worker, SQLite", 1, ["--jobs", "1"], False),
                                          ("local pool, 2 workers, SQLite", 2, ["--jobs", "2"], False),
                                          ("Dask, 2 workers, SQLite", 2, ["--dask", address], False),
                                          ("local pool, 2 workers, PostgreSQL", 2, ["--jobs", "2"], True)]:
            if db and db_url is None:
                db_url = services.postgres(procs, folder / "postgres")
            reset(course)
            wall = timed(grader + extra, course, DB_URL=db_url if db else "")
            job = job_seconds(course)
            # What this way costs beyond the grading jobs themselves, per submission and worker.
            overhead = wall * workers / n - job
            results[label] = wall / n
            print(f"{label + ':':44s} {wall:7.1f} s  {wall / n:6.2f} s  {job:5.2f} s  {overhead:+6.2f} s", flush=True)
    finally:
        procs.stop()
        shutil.rmtree(folder, ignore_errors=True)
    per_core = results["local pool, 1 worker, SQLite"]
    print(f"A grading core grades one submission in {per_core:.2f} s: a class of N submissions in T minutes "
          f"needs N x {per_core:.2f} / (60 T) cores, e.g. {300 * per_core / 600:.1f} for 300 in 10 minutes "
          f"(2 workers here: {per_core / results['local pool, 2 workers, SQLite']:.2f}x one; Dask's cost over the "
          f"local pool: {results['Dask, 2 workers, SQLite'] / results['local pool, 2 workers, SQLite']:.2f}x; "
          f"PostgreSQL's over SQLite: "
          f"{results['local pool, 2 workers, PostgreSQL'] / results['local pool, 2 workers, SQLite']:.2f}x)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--cell-timeout", type=int, default=10)
    ap.add_argument("--class", dest="class_size", type=int, default=300, help="submissions in the sizing class")
    ap.add_argument("--only-sizing", action="store_true", help="skip the comparison with stock nbgrader")
    args = ap.parse_args()
    if not args.only_sizing:
        compare(args)
    sizing(args.class_size, args.cell_timeout)


def compare(args):
    """Stock nbgrader, the old in-kernel way, make autograde with 1 and N workers, and without the sandbox."""
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

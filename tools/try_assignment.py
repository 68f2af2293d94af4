"""Try an assignment end to end in a temporary course.

    .venv/bin/python tools/try_assignment.py a02-backprop [--keep]

Generates the assignment with nbgrader, submits the solution, the untouched
release and every buggy variant in tests/buggy/<id>/, autogrades them and
prints each submission's cell scores next to what was expected.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quality import coursekit as ck


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("assignment")
    ap.add_argument("--keep", action="store_true", help="keep the temporary course and print its path")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix=f"try-{args.assignment}-"))
    t0 = time.time()
    ck.make_course(tmp, [args.assignment])
    expected = ck.submit_known_cases(tmp, args.assignment)
    t1 = time.time()
    proc = subprocess.run([sys.executable, "-m", "grader", "autograde", "--root", str(tmp),
                           "--quiet"], capture_output=True, text=True)
    t2 = time.time()
    scores = ck.cell_scores(tmp, args.assignment)
    for student, loses in expected.items():
        cells = scores.get(student, {})
        total = sum(s for s, _ in cells.values())
        top = sum(m for _, m in cells.values())
        want = "all lost" if loses is None else ("none lost" if not loses else "loses " + ", ".join(loses))
        print(f"{student:40s} {total:5.1f}/{top:<5.1f} expected: {want}")
        print("    " + "  ".join(f"{gid}={s:g}/{m:g}" for gid, (s, m) in sorted(cells.items())))
    problems = ck.compare(expected, scores)
    print(f"\ngenerate+submit {t1 - t0:.1f} s, autograde {len(expected)} submissions {t2 - t1:.1f} s")
    if proc.returncode != 0:
        print("the grader exited with", proc.returncode, "\n", proc.stdout[-3000:], proc.stderr[-3000:])
    print("\n".join(problems) if problems else "every submission scored as expected")
    if args.keep:
        print("course kept in", tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Export grades from the gradebook to CSV, with the syllabus' pass rule.

    .venv/bin/python tools/grades.py [--db gradebook.db] [--out grades.csv]

One row per student: for every assignment the score, the maximum and a
status (pass at 90 % of the points, else "needs revision"; "missing" when
nothing was submitted), then how many assignments passed and the student's
standing under the syllabus rule (A: 11 of 12 passed and the project;
B: 9 of 12 and the project; C: all 12, project optional).
"""

import argparse
import csv
import sys
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

PASS_FRACTION = 0.9
TOTAL_ASSIGNMENTS = 12


def status(score, max_score):
    return "pass" if max_score > 0 and score >= PASS_FRACTION * max_score - 1e-9 else "needs revision"


def standing(passed):
    if passed >= TOTAL_ASSIGNMENTS:
        return "all 12 passed: C secured; A or B with the project"
    if passed >= 11:
        return "11 passed: A or B with the project"
    if passed >= 9:
        return f"{passed} passed: B with the project"
    return f"{passed} passed: below 9, no letter grade yet"


def rows(db_path):
    """Yield (header, rows) from the gradebook at db_path."""
    with Gradebook(f"sqlite:///{db_path}") as gb:
        aids = sorted(a.name for a in gb.assignments)
        header = ["student_id"]
        for a in aids:
            header += [f"{a} score", f"{a} max", f"{a} status"]
        header += ["passed", "standing"]
        table = []
        for student in sorted(gb.students, key=lambda s: s.id):
            row, passed = [student.id], 0
            for a in aids:
                try:
                    sub = gb.find_submission(a, student.id)
                except MissingEntry:
                    row += ["", "", "missing"]
                    continue
                st = status(sub.score, sub.max_score)
                passed += st == "pass"
                row += [f"{sub.score:g}", f"{sub.max_score:g}", st]
            table.append(row + [passed, standing(passed)])
    return header, table


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="gradebook.db")
    ap.add_argument("--out", default="grades.csv")
    args = ap.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"No gradebook at {args.db}: run `make autograde` first.")
    header, table = rows(args.db)
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(table)
    print(f"Wrote {args.out}: {len(table)} students, {(len(header) - 3) // 3} assignments.")
    for i in range(1, len(header) - 2, 3):
        statuses = [r[i + 2] for r in table]
        print(f"  {header[i][:-6]}: {statuses.count('pass')} pass, {statuses.count('needs revision')} needs revision, "
              f"{statuses.count('missing')} missing")


if __name__ == "__main__":
    main()

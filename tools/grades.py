"""Export grades to CSV, with the syllabus' pass rule.

    .venv/bin/python tools/grades.py [--root .] [--out grades.csv]

Scores come from nbgrader's gradebook; the grader's ledger
(autograded/.status/) adds submissions that could not be graded and what
was flagged for review. One row per student: for every assignment of the
course plan (plan.toml, in teaching order) the score, the maximum, a status
and a note, then how many assignments passed and the student's standing
under the syllabus rule, plan.toml's [grading] (A: 11 of 12 passed and the
project; B: 9 of 12 and the project; C: all 12, project optional). The
standing of every student is also printed, beside the assignments that still
need work.

Status: "pass" (at least 90 % of the points), "needs revision", "ungraded"
(the grader could not run it, or has not yet: the note says why; never a
zero), "missing" (others were graded, this student has nothing) or "not
graded yet" (nobody's submission of it is graded). Every student with a
folder in submitted/ has a row.
"""

import argparse
import csv
import sys
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from grader import plan
from grader.ledger import all_ledgers

RULE = plan.load().grading            # plan.toml [grading]: the syllabus's rule, in one place
PASS_FRACTION = RULE.pass_fraction


def status(score, max_score):
    return "pass" if RULE.passes(score, max_score) else "needs revision"


def plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def table(root):
    """Return (header, rows) for the course at root."""
    led = all_ledgers(root)
    db = Path(root) / "gradebook.db"
    folders = {(p.parent.name, p.name) for p in (Path(root) / "submitted").glob("*/*") if p.is_dir()}
    with Gradebook(f"sqlite:///{db}") as gb:
        planned = [w["assignment"] for w in plan.load().weeks]
        graded = {a.name for a in gb.assignments if a.submissions} | set(led)
        aids = planned + sorted(graded - set(planned))
        students = sorted({s.id for s in gb.students} | {sid for entries in led.values() for sid in entries}
                          | {sid for sid, _ in folders})
        header = ["student_id"]
        for a in aids:
            header += [f"{a} score", f"{a} max", f"{a} status", f"{a} note"]
        header += ["passed", "standing"]
        rows = []
        for sid in students:
            row, passed = [sid], 0
            for a in aids:
                entry = led.get(a, {}).get(sid)
                note = "; ".join(entry.get("flags", [])) if entry else ""
                if entry and entry.get("sandbox") == "none":
                    note = "; ".join(filter(None, ["graded without the sandbox (SANDBOX=none)", note]))
                if entry and entry["status"] == "ungraded":
                    row += ["", "", "ungraded", entry["reason"] + (f"; flagged: {note}" if note else "")]
                    continue
                try:
                    sub = gb.find_submission(a, sid)
                except MissingEntry:
                    waiting = (sid, a) in folders
                    if waiting:
                        row += ["", "", "ungraded", "submitted but not graded yet: run make autograde"]
                    else:
                        row += ["", "", "missing" if a in graded else "not graded yet", ""]
                    continue
                st = status(sub.score, sub.max_score)
                passed += st == "pass"
                row += [f"{sub.score:g}", f"{sub.max_score:g}", st, f"flagged: {note}" if note else ""]
            rows.append(row + [passed, RULE.standing(passed)])
    return header, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=".", help="course root")
    ap.add_argument("--out", default="grades.csv")
    args = ap.parse_args()
    out = Path(args.out)
    out.unlink(missing_ok=True)           # a run that fails leaves no grades.csv that looks current
    if not (Path(args.root) / "gradebook.db").exists():
        sys.exit(f"No gradebook in {args.root}: run `make autograde` first.")
    header, rows = table(args.root)
    partial = out.with_name(out.name + ".partial")
    with open(partial, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    partial.replace(out)
    print(f"Wrote {args.out}: {plural(len(rows), 'student')}, {plural((len(header) - 3) // 4, 'assignment')}.")
    for i in range(1, len(header) - 2, 4):
        st = [r[i + 2] for r in rows]
        print(f"  {header[i][:-6]}: " + ", ".join(f"{st.count(s)} {s}" for s in
                                                 ("pass", "needs revision", "ungraded", "missing", "not graded yet")
                                                 if st.count(s)))
    print(f"Standing under the syllabus rule ({RULE.rule()}):")
    width = max([len(r[0]) for r in rows] + [7])
    for r in rows:
        marks = {header[i][:-6]: (r[i], r[i + 1], r[i + 2]) for i in range(1, len(header) - 2, 4)}
        todo = [f"{a.split('-')[0]} {score}/{top} {st}" if score else f"{a.split('-')[0]} {st}"
                for a, (score, top, st) in marks.items() if st in ("needs revision", "ungraded", "missing")]
        print(f"  {r[0]:{width}s}  {r[-1]}" + (f"; to do: {', '.join(todo)}" if todo else ""))


if __name__ == "__main__":
    main()

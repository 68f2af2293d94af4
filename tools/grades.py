"""Export grades to CSV, with the syllabus's rule and letter grades.

    .venv/bin/python tools/grades.py [--root .] [--out grades.csv]

Scores come from nbgrader's gradebook; the grader's ledger
(autograded/.status/) adds submissions that could not be graded and what
was flagged for review; milestones.csv (the TA's record of the project,
plan.toml [project]) adds the project. One row per student: for every
assignment of the course plan (plan.toml, in teaching order) the score, the
maximum, a status and a note, then how many assignments passed (those that
count, plan.toml [grading] counts, and each advanced-track pass in place of a
replaceable one not passed), the project
milestones passed, the peer evaluation, the letter grade under the syllabus
rule (plan.toml [grading]: A, B, C, or D/F for the instructor to decide) and
what each better letter still needs. The letter of every student is also
printed, beside the assignments that still need work.

Status: "pass" (at least 90 % of the points, autograded and manual),
"needs revision", "awaiting manual grading" (written answers not graded yet:
never a fail), "ungraded" (the grader could not run it, or has not yet: the
note says why; never a zero), "missing" (others were graded, this student
has nothing) or "not graded yet" (nobody's submission of it is graded).
Every student with a folder in submitted/ or a row in milestones.csv has a row.
"""

import argparse
import csv
import sys
from pathlib import Path

from nbgrader.api import MissingEntry

from grader import gradebook, plan
from grader.ledger import all_ledgers

PLAN = plan.load()
RULE = PLAN.grading                   # plan.toml [grading]: the syllabus's rule, in one place
PASS_FRACTION = RULE.pass_fraction
STATUSES = ("pass", "needs revision", "awaiting manual grading", "ungraded", "missing", "not graded yet")
MILESTONE_STATUSES = ("pass", "needs revision")


def pending_points(sub):
    """The points of a submission's written answers that a TA has not graded yet."""
    return sum(g.max_score for nb in sub.notebooks for g in nb.grades if g.needs_manual_grade)


def status(sub):
    """The status of a graded submission (nbgrader's SubmittedAssignment), by the rule of plan.toml."""
    return RULE.status(sub.score, sub.max_score, pending_points(sub))


def milestones(root, project=PLAN.project):
    """{student: {milestone id: status}} from milestones.csv at root (the last row of a pair counts).

    Raises ValueError naming the line and what was expected for a row it cannot read.
    """
    path = Path(root) / "milestones.csv"
    if not path.exists():
        return {}
    known = project.ids + [project.peer_evaluation]
    verdicts = {}
    with path.open(newline="") as f:
        reader = csv.DictReader(f)
        if not {"student_id", "milestone", "status"} <= set(reader.fieldnames or []):
            raise ValueError(f"{path}: the first line must name the columns student_id,milestone,status; "
                             f"it names {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            sid, milestone, st = (row[k].strip() if row[k] else "" for k in ("student_id", "milestone", "status"))
            if not sid:
                raise ValueError(f"{path}, line {line}: no student_id")
            if milestone not in known:
                raise ValueError(f"{path}, line {line}: milestone {milestone!r} is not in plan.toml [project]; "
                                 f"expected one of {', '.join(known)}")
            if st not in MILESTONE_STATUSES:
                raise ValueError(f"{path}, line {line}: status {st!r}; expected 'pass' or 'needs revision'")
            verdicts.setdefault(sid, {})[milestone] = st
    return verdicts


def needs_text(missing):
    """'A needs: ...; B needs: ...' from Grading.letter's second value, long milestone lists shortened."""
    parts = []
    for letter, gaps in missing.items():
        assignments = [g for g in gaps if "assignment" in g]
        peer = [g for g in gaps if g == "the peer evaluation"]
        stones = [g for g in gaps if g not in assignments + peer]
        if len(stones) > 3:
            stones = [f"{len(stones)} milestones ({', '.join(stones[:2])}, ...)"]
        parts.append(f"{letter} needs " + ", ".join(assignments + stones + peer))
    return "; ".join(parts)


def plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def table(root):
    """Return (header, rows, {student: what the next letter up needs}) for the course at root."""
    led = all_ledgers(root)
    folders = {(p.parent.name, p.name) for p in (Path(root) / "submitted").glob("*/*") if p.is_dir()}
    with gradebook.opened(gradebook.url(root)) as gb:
        planned = [w["assignment"] for w in plan.load().weeks]
        graded = {a.name for a in gb.assignments if a.submissions} | set(led)
        aids = planned + sorted(graded - set(planned))
        project = milestones(root)
        students = sorted({s.id for s in gb.students} | {sid for entries in led.values() for sid in entries}
                          | {sid for sid, _ in folders} | set(project))
        header = ["student_id"]
        for a in aids:
            header += [f"{a} score", f"{a} max", f"{a} status", f"{a} note"]
        header += ["passed", "milestones passed", "peer evaluation", "letter", "to reach a better letter"]
        rows, nexts = [], {}
        for sid in students:
            row, passes = [sid], []
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
                st = status(sub)
                passes += [a] if st == "pass" else []
                row += [f"{sub.score:g}", f"{sub.max_score:g}", st, f"flagged: {note}" if note else ""]
            mine = project.get(sid, {})
            done = [m for m in PLAN.project.ids if mine.get(m) == "pass"]
            peer = mine.get(PLAN.project.peer_evaluation, "")
            passed = RULE.passed(passes)
            letter, missing = RULE.letter(passed, PLAN.project, done, peer == "pass")
            rows.append(row + [passed, len(done), peer or "not recorded", letter, needs_text(missing)])
            nexts[sid] = needs_text(dict(list(missing.items())[-1:]))     # the next letter up only
    return header, rows, nexts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=".", help="course root")
    ap.add_argument("--out", default="grades.csv")
    args = ap.parse_args()
    out = Path(args.out)
    out.unlink(missing_ok=True)           # a run that fails leaves no grades.csv that looks current
    if not gradebook.exists(args.root):
        sys.exit(f"No gradebook in {args.root}: run `make autograde` first.")
    try:
        header, rows, nexts = table(args.root)
    except ValueError as exc:
        sys.exit(str(exc))
    partial = out.with_name(out.name + ".partial")
    with open(partial, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    partial.replace(out)
    n = (len(header) - 6) // 4                                # assignment columns come in fours
    print(f"Wrote {args.out}: {plural(len(rows), 'student')}, {plural(n, 'assignment')}.")
    for i in range(1, 1 + 4 * n, 4):
        st = [r[i + 2] for r in rows]
        print(f"  {header[i][:-6]}: " + ", ".join(f"{st.count(s)} {s}" for s in STATUSES if st.count(s)))
    print(f"Letter grades under the syllabus rule, from what is graded so far ({RULE.rule()}):")
    width = max([len(r[0]) for r in rows] + [7])
    for r in rows:
        marks = {header[i][:-6]: (r[i], r[i + 1], r[i + 2]) for i in range(1, 1 + 4 * n, 4)}
        todo = [f"{a.split('-')[0]} {score}/{top} {st}" if score else f"{a.split('-')[0]} {st}"
                for a, (score, top, st) in marks.items() if st not in ("pass", "not graded yet")]
        line = f"  {r[0]:{width}s}  {r[-2]:3s}  {r[-5]} passed, {r[-4]} of {len(PLAN.project.ids)} milestones"
        print(line + (f"; {nexts[r[0]]}" if nexts[r[0]] else "") + (f"; to do: {', '.join(todo)}" if todo else ""))


if __name__ == "__main__":
    main()

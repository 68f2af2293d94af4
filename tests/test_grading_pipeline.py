"""The grading pipeline end to end, in a temporary course: the solution scores
full marks, the untouched release scores zero, every buggy variant loses
exactly the hidden points it should; feedback hides hidden tests; grades.csv
carries scores and the pass rule."""

import csv
import re
import subprocess
import sys
import zipfile

import nbformat
import pytest

from grader import plan
from quality import coursekit, mutation

AIDS = coursekit.assignment_ids()
PLAN = plan.load()


@pytest.mark.parametrize("aid", AIDS)
def test_scores_as_expected(course, graded, aid):
    problems = coursekit.compare(graded[aid], coursekit.cell_scores(course, aid))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("aid", AIDS)
def test_every_graded_function_has_a_buggy_variant(aid):
    """Every item has a realistic bug that loses some of its hidden cells. (That every single hidden
    cell can fail is held by tests/test_mutation.py: some mutant fails each one.)"""
    a = mutation.Assignment(aid)
    caught = set()
    for path in coursekit.variants(aid):
        caught |= set(coursekit.load_variant(path)[1])
    missing = [item for item in a.items if not caught & set(a.hidden(item))]
    assert a.items and not missing, f"{aid}: no buggy variant in tests/buggy/{aid}/ loses a hidden cell of {missing}"


def test_right_answers_are_never_flagged(course, graded):
    """The solution and every right answer in another style grade clean: no flag for a TA to chase
    (a setup cell that imports what answers may not use would flag every submission)."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        flagged = [(aid, s.student_id) for aid in AIDS for s in gb.find_assignment(aid).submissions
                   if (s.student_id == "solution" or s.student_id.startswith("ok-")) and any(n.flagged for n in s.notebooks)]
    assert not flagged, f"right answers flagged for review: {flagged}"


def test_feedback_hides_hidden_tests(course, graded):
    aid = AIDS[0]
    coursekit.nbgrader(course, "generate_feedback", aid, "--force")
    source = nbformat.read(course / "source" / aid / f"{aid}.ipynb", as_version=4)
    hidden_lines = {l.strip() for c in source.cells if "BEGIN HIDDEN TESTS" in c.source
                    for l in c.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0].splitlines()
                    if len(l.strip()) > 20}
    pages = list((course / "feedback").glob(f"*/{aid}/{aid}.html"))
    assert len(pages) == len(graded[aid])
    graded_ids = [c.metadata.nbgrader["grade_id"] for c in source.cells
                  if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata.nbgrader.get("solution")]
    for page in pages:
        html = page.read_text()
        assert "BEGIN HIDDEN TESTS" not in html, f"{page} shows hidden tests"
        leaked = [l for l in hidden_lines if l in html]
        assert not leaked, f"{page} shows hidden test code: {leaked[:3]}"
        summary = html.split('id="toc"')[1].split("</ol>")[0]
        assert ">Test cell<" not in summary and all(f"<code>{g}</code>" in summary for g in graded_ids), summary[:500]
        assert "<math" in html and "cdnjs" not in html and "<script src=" not in html, f"{page}: math not offline"
        verdict = html.split('id="verdict"')[1].split("</p>")[0]
        student = page.parent.parent.name
        assert "For the TA" not in html, f"{page} shows the TAs' rubric"
        if student == "solution":           # full test points; the written answer waits for a TA
            assert "Awaiting manual grading" in verdict and "points so far" in verdict, verdict
            assert "(written answer):" in summary and "awaiting a TA (2.0 points)" in summary, summary[-600:]
        elif student == "release":
            assert "Needs revision" in verdict and "pass mark is" in verdict and "submit" in verdict, verdict
    # ... and the zip for the LMS holds each graded student's page, named by the student's id.
    done = subprocess.run([sys.executable, "-m", "grader.lms", "feedback", aid], cwd=course, capture_output=True,
                          text=True, check=True)
    assert f"holds {len(pages)} feedback page(s)" in done.stdout, done.stdout
    with zipfile.ZipFile(course / "lms" / f"{aid}-feedback.zip") as z:
        assert sorted(z.namelist()) == sorted(f"{p.parent.parent.name}_{aid}.html" for p in pages)


def test_grades_csv(course, graded, tmp_path):
    """Before a TA grades the written answers every answered assignment is awaiting manual grading (the
    release, which answered nothing, needs revision); once the solution's are graded it passes all twelve."""
    from nbgrader.api import Gradebook

    def grades():
        out = tmp_path / "grades.csv"
        printed = subprocess.run([sys.executable, coursekit.ROOT / "tools" / "grades.py", "--root", course, "--out", out],
                                 check=True, capture_output=True, text=True).stdout
        letters = dict(re.findall(r"^  (\S+)\s+((?:A|B|C|D/F)\s.*)$",
                                  printed.split("Letter grades under the syllabus rule")[1], re.MULTILINE))
        return {r["student_id"]: r for r in csv.DictReader(out.open())}, letters, printed

    rows, letters, printed = grades()
    assert letters["solution"].startswith("D/F  0 passed"), printed
    assert letters["release"].startswith("D/F  0 passed") and "C needs 12 more assignments passed" in letters["release"]
    assert "a01 0/" in letters["release"], printed
    for aid in AIDS:
        assert rows["solution"][f"{aid} status"] == "awaiting manual grading"
        assert float(rows["solution"][f"{aid} score"]) == float(rows["solution"][f"{aid} max"]) - 2
        assert rows["release"][f"{aid} status"] == "needs revision"
        assert rows["release"][f"{aid} score"] == "0"
        for student in graded[aid]:
            score, top = float(rows[student][f"{aid} score"]), float(rows[student][f"{aid} max"])
            could = score + 2 >= 0.9 * top                 # every known case wrote the model answer
            assert rows[student][f"{aid} status"] == ("awaiting manual grading" if could else "needs revision"), \
                (aid, student, rows[student])
    assert rows["release"]["peer evaluation"] == "not recorded"

    # A TA grades the solution's written answers (full points): now it passes every assignment, and the twelve that
    # count (plan.toml [grading] counts) make a C.
    db = f"sqlite:///{course / 'gradebook.db'}"
    written = []
    with Gradebook(db) as gb:
        for aid in AIDS:
            for grade in gb.find_submission_notebook(aid, aid, "solution").grades:
                if grade.needs_manual_grade:
                    grade.manual_score, grade.needs_manual_grade = grade.max_score, False   # as the Formgrader saves it
                    written.append((aid, grade.name))
        gb.db.commit()
    try:
        assert len(written) == len(AIDS)
        rows, letters, printed = grades()
        counted = PLAN.grading.total
        assert letters["solution"].startswith(f"C    {counted} passed, 0 of 13 milestones; B needs 11 milestones"), \
            printed
        for aid in AIDS:
            assert rows["solution"][f"{aid} status"] == "pass"
            assert rows["solution"][f"{aid} score"] == rows["solution"][f"{aid} max"]
        assert rows["solution"]["passed"] == str(counted) and rows["solution"]["letter"] == "C"
        assert rows["release"]["passed"] == "0" and rows["release"]["letter"] == "D/F"
        # The advanced track: with a12's written answer graded 0, a12 needs revision (12 of 14 points), and the
        # pass of a13 stands in for it: still 12 passed, still a C.
        with Gradebook(db) as gb:
            name = next(n for a, n in written if a == "a12-batch-normalization")
            gb.find_grade(name, "a12-batch-normalization", "a12-batch-normalization", "solution").manual_score = 0
            gb.db.commit()
        rows, letters, printed = grades()
        assert rows["solution"]["a12-batch-normalization status"] == "needs revision", rows["solution"]
        assert rows["solution"]["a13-convolution status"] == "pass", rows["solution"]
        assert rows["solution"]["passed"] == str(counted) and rows["solution"]["letter"] == "C", printed
    finally:                                              # the course is shared by the session's other tests
        with Gradebook(db) as gb:
            for aid, name in written:
                grade = gb.find_grade(name, aid, aid, "solution")
                grade.manual_score, grade.needs_manual_grade = None, True
            gb.db.commit()
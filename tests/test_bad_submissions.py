"""Grading a class survives bad submissions: a catalog of kinds, each with its
expected outcome, graded in parallel by tools/autograde.py in a temporary course."""

import csv
import hashlib
import json
import signal
import sqlite3
import subprocess
import sys

import nbformat
import psutil
import pytest

import bad_submissions
import coursekit

AID = "a01-neurons"
GRADER = [sys.executable, str(coursekit.ROOT / "tools" / "autograde.py")]
pytestmark = pytest.mark.skipif(AID not in coursekit.assignment_ids(), reason=f"{AID} not in source/")


def snapshot(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def good_notebook(course):
    source = nbformat.read(course / "source" / AID / f"{AID}.ipynb", as_version=4)
    release = nbformat.read(course / "assignments" / AID / f"{AID}.ipynb", as_version=4)
    return coursekit.student_answer(source, release)


def grade(course, *extra):
    return subprocess.run(GRADER + ["--root", str(course), "--jobs", "2", "--submission-timeout", "60",
                                    "--memory-mb", "1024", *extra], capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    course = coursekit.make_course(tmp_path_factory.mktemp("catalog"), [AID])
    with open(course / "nbgrader_config.py", "a") as f:
        f.write("\nc.Execute.timeout = 10\n")
    good = good_notebook(course)
    coursekit.submit(course, "solution", AID, good)
    expected = bad_submissions.build(course, AID, good, coursekit.submit)
    before = snapshot(course / "submitted")
    proc = grade(course)
    ledger = json.loads((course / "autograded" / ".status" / f"{AID}.json").read_text())
    return course, expected, before, proc, ledger


def test_catalog_is_large_enough():
    assert len(bad_submissions.CATALOG) + len(bad_submissions.FILES) >= 15


def test_grader_finishes_the_class(catalog):
    course, expected, _, proc, ledger = catalog
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert set(ledger) == set(expected) | {"solution"}
    assert "gradebook integrity: ok" in proc.stdout


@pytest.mark.parametrize("student", sorted(f"bad-{n}" for n in
                                           list(bad_submissions.CATALOG) + list(bad_submissions.FILES)))
def test_bad_submission_outcome(catalog, student):
    course, expected, _, _, ledger = catalog
    want, got = expected[student], ledger[student]
    full = ledger["solution"]["max_score"]
    assert ledger["solution"]["score"] == full
    assert got["status"] == want["status"], f"{student}: {got}"
    if want["status"] == "ungraded":
        assert want["reason"] in got["reason"], f"{student}: reason {got['reason']!r}"
        assert "score" not in got
    elif want.get("score") == "full":
        assert got["score"] == full, f"{student}: {got}"
    elif want.get("score") == "less":
        assert got["score"] < full, f"{student}: {got}"
    if want.get("flag"):
        assert any(want["flag"] in f for f in got["flags"]), f"{student}: flags {got['flags']}"


def test_submitted_is_never_modified(catalog):
    course, _, before, _, _ = catalog
    assert snapshot(course / "submitted") == before


def test_no_process_left_behind(catalog):
    course = str(catalog[0])
    leftovers = []
    for p in psutil.process_iter(["cmdline", "cwd"]):
        try:
            if (p.info["cwd"] or "").startswith(course) or "sleep 600" in " ".join(p.info["cmdline"] or []):
                leftovers.append(p.info)
        except psutil.Error:
            pass
    assert not leftovers


def test_gradebook_matches_ledger_and_is_intact(catalog):
    course, _, _, _, ledger = catalog
    db = sqlite3.connect(course / "gradebook.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for student, entry in ledger.items():
        if entry["status"] == "graded":
            (score,) = db.execute(
                "SELECT SUM(COALESCE(g.manual_score, g.auto_score)) FROM grade g "
                "JOIN submitted_notebook n ON g.notebook_id = n.id "
                "JOIN submitted_assignment a ON n.assignment_id = a.id WHERE a.student_id = ?", (student,)).fetchone()
            assert score == pytest.approx(entry["score"]), student


def test_rerun_is_idempotent(catalog):
    course, _, _, _, ledger = catalog
    proc = grade(course)
    assert "Grading 0 submission(s)" in proc.stdout
    assert json.loads((course / "autograded" / ".status" / f"{AID}.json").read_text()) == ledger


def test_grades_and_report_show_ungraded_and_flagged(catalog, tmp_path):
    course, expected, _, _, ledger = catalog
    out = tmp_path / "grades.csv"
    subprocess.run([sys.executable, coursekit.ROOT / "tools" / "grades.py", "--root", course, "--out", out],
                   check=True, capture_output=True)
    rows = {r["student_id"]: r for r in csv.DictReader(out.open())}
    for student, want in expected.items():
        row = rows[student]
        if want["status"] == "ungraded":
            assert row[f"{AID} status"] == "ungraded" and row[f"{AID} score"] == ""
            assert want["reason"] in row[f"{AID} note"]
        elif want.get("flag"):
            assert want["flag"] in row[f"{AID} note"]
    report = subprocess.run([sys.executable, coursekit.ROOT / "tools" / "report.py", "--root", course],
                            check=True, capture_output=True, text=True).stdout
    assert (course / "reports" / f"{AID}-scores.png").stat().st_size > 1000
    assert "pass rate:" in report and "test cells failed" in report
    ungraded_part = report.split("ungraded (not a zero")[1].split("flagged for review")[0]
    flagged_part = report.split("flagged for review:")[1]
    for student, want in expected.items():
        if want["status"] == "ungraded":
            assert student in ungraded_part
        elif want.get("flag"):
            assert student in flagged_part


def test_interrupted_run_finishes_when_run_again(tmp_path):
    course = coursekit.make_course(tmp_path / "course", [AID])
    good = good_notebook(course)
    for i in range(6):
        coursekit.submit(course, f"student{i}", AID, good)
    proc = subprocess.Popen(GRADER + ["--root", str(course), "--jobs", "2"], stdout=subprocess.PIPE, text=True)
    first = proc.stdout.readline() + proc.stdout.readline()  # the header, then one graded submission
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=120)
    assert proc.returncode == 130, first + rest
    ledger_file = course / "autograded" / ".status" / f"{AID}.json"
    partial = json.loads(ledger_file.read_text())
    assert 1 <= len(partial) < 6
    again = grade(course)
    assert f"Grading {6 - len(partial)} submission(s)" in again.stdout
    final = json.loads(ledger_file.read_text())
    assert len(final) == 6 and all(e["status"] == "graded" and e["score"] == e["max_score"] for e in final.values())


def test_submission_over_its_wall_time_is_ungraded(tmp_path):
    """Every cell stays under the cell timeout, but the whole submission runs too long."""
    course = coursekit.make_course(tmp_path / "course", [AID])
    slow = bad_submissions.redefine("import time\ntime.sleep(2.5)")(good_notebook(course))
    coursekit.submit(course, "slowpoke", AID, slow)
    proc = subprocess.run(GRADER + ["--root", str(course), "--submission-timeout", "6"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    entry = json.loads((course / "autograded" / ".status" / f"{AID}.json").read_text())["slowpoke"]
    assert entry["status"] == "ungraded" and "timed out after 6 s" in entry["reason"], entry


def test_a_changed_source_regrades_with_the_new_tests(tmp_path):
    course = coursekit.make_course(tmp_path / "course", [AID])
    coursekit.submit(course, "student", AID, good_notebook(course))
    assert "Grading 1 submission(s)" in grade(course).stdout
    assert "Grading 0 submission(s)" in grade(course).stdout
    src = course / "source" / AID / f"{AID}.ipynb"
    nb = nbformat.read(src, as_version=4)
    test_cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test_"))
    test_cell.source += "\nraise AssertionError('a test the instructor added')"
    nbformat.write(nb, src)
    again = grade(course)
    assert "changed since it was last graded" in again.stdout and "Grading 1 submission(s)" in again.stdout
    entry = json.loads((course / "autograded" / ".status" / f"{AID}.json").read_text())["student"]
    assert entry["status"] == "graded" and entry["score"] < entry["max_score"]

"""Grading a class survives bad submissions: a catalog of kinds, each with its
expected outcome, graded in parallel by `python -m grader autograde` in a temporary course."""

import csv
import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import nbformat
import psutil
import pytest

import bad_submissions
from grader import sandbox
from quality import coursekit

AID = "a01-neurons"
WRITTEN = coursekit.written_points(AID)     # a TA grades these: full marks here are the tests' points
GRADER = [sys.executable, "-m", "grader", "autograde"]
pytestmark = pytest.mark.skipif(AID not in coursekit.assignment_ids(), reason=f"{AID} not in source/")


def snapshot(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def good_notebook(course):
    source = nbformat.read(course / "source" / AID / f"{AID}.ipynb", as_version=4)
    release = nbformat.read(course / "assignments" / AID / f"{AID}.ipynb", as_version=4)
    return coursekit.student_answer(source, release)


def grade(course, *extra, tmp=None):
    """Run the grader on the course; tmp: a TMPDIR of its own (its scratch folders go there).

    Returns the CompletedProcess, with the grader's pid as .args_pid (its cgroups carry it)."""
    env = dict(os.environ, TMPDIR=str(tmp)) if tmp else None
    proc = subprocess.Popen(GRADER + ["--root", str(course), "--jobs", "2", "--submission-timeout", "60",
                                      "--memory-mb", "1024", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        out, err = proc.communicate(timeout=900)
    finally:
        proc.kill()
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    done.args_pid = proc.pid
    return done


class Listener:
    """A loopback port that records whatever reaches it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.5)
        self.port, self.received, self.running = self.sock.getsockname()[1], [], True
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    self.received.append(conn.recv(1 << 20))
                except OSError:
                    self.received.append(b"(connected)")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    course = coursekit.make_course(tmp_path_factory.mktemp("catalog"), [AID])
    with open(course / "nbgrader_config.py", "a") as f:
        f.write("\nc.SandboxedJudge.timeout = 5\n")
    good = good_notebook(course)
    coursekit.submit(course, "solution", AID, good)
    for i in range(3):
        coursekit.submit(course, f"honest-{i}", AID, good)
    listener = Listener()
    expected = bad_submissions.build(course, AID, good, coursekit.submit, listener.port)
    before = {"submitted": snapshot(course / "submitted"), "source": snapshot(course / "source"),
              "tmp": tmp_path_factory.mktemp("grader-tmp")}
    proc = grade(course, tmp=before["tmp"])
    listener.running = False
    ledger = json.loads((course / "autograded" / ".status" / f"{AID}.json").read_text())
    before["listener"] = listener.received
    return course, expected, before, proc, ledger


def test_catalog_is_large_enough():
    assert len(bad_submissions.CATALOG) + len(bad_submissions.FILES) >= 40


def test_grader_finishes_the_class(catalog):
    course, expected, _, proc, ledger = catalog
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert set(ledger) == set(expected) | {"solution", "honest-0", "honest-1", "honest-2"}
    for student in ("solution", "honest-0", "honest-1", "honest-2"):
        assert ledger[student]["status"] == "graded" and ledger[student]["score"] == ledger[student]["max_score"] - WRITTEN
        assert not ledger[student]["flags"], ledger[student]
    assert "gradebook integrity: ok" in proc.stdout


@pytest.mark.parametrize("student", sorted(f"bad-{n}" for n in
                                           list(bad_submissions.CATALOG) + list(bad_submissions.FILES)))
def test_bad_submission_outcome(catalog, student):
    course, expected, _, _, ledger = catalog
    want, got = expected[student], ledger[student]
    full = ledger["solution"]["max_score"] - WRITTEN
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
    if want.get("no_flag"):
        assert not any(want["no_flag"] in f for f in got["flags"]), f"{student}: flags {got['flags']}"
    assert "root:x:0" not in json.dumps(got), f"{student}: the ledger quotes a file"
    notebook = course / "autograded" / student / AID / f"{AID}.ipynb"
    if want.get("no_output"):
        outputs = json.dumps([c.get("outputs", []) for c in nbformat.read(notebook, as_version=4).cells])
        assert want["no_output"] not in outputs, f"{student}: {want['no_output']!r} in the outputs"
    if want.get("max_notebook_kb"):
        assert notebook.stat().st_size < want["max_notebook_kb"] * 1024, f"{student}: {notebook.stat().st_size} bytes"


# The judge's data segment is capped at SandboxedJudge.judge_mb (1024 MB); what it reaches is measured
# (its peak resident memory, in the ledger) and must stay well under that, for hostile and honest alike.
JUDGE_PEAK_MB = 500
HONEST_JUDGE_MB = 300


def test_judge_memory_stays_bounded(catalog):
    ledger = catalog[4]
    peaks = {s: e["judge_mb"] for s, e in ledger.items() if e.get("judge_mb")}
    assert len(peaks) > 40, ledger
    worst = max(peaks, key=peaks.get)
    assert peaks[worst] < JUDGE_PEAK_MB, f"{worst}: the judge reached {peaks[worst]} MB"
    honest = [peaks[s] for s in ("solution", "honest-0", "honest-1", "honest-2")]
    assert max(honest) < HONEST_JUDGE_MB, honest
    print(f"judge peak memory: {peaks[worst]} MB at most ({worst}); honest submissions {max(honest)} MB")


def hidden_lines(course):
    source = nbformat.read(course / "source" / AID / f"{AID}.ipynb", as_version=4)
    return {line.strip() for c in source.cells if "BEGIN HIDDEN TESTS" in c.source
            for line in c.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0].splitlines()
            if len(line.strip()) > 25}


def test_no_hidden_test_leaks(catalog):
    """Not in any output the kernels produced, not in the feedback, not through the network."""
    course = catalog[0]
    lines = hidden_lines(course)
    assert lines
    coursekit.nbgrader(course, "generate_feedback", AID, "--force")
    for student in catalog[1]:
        nb_path = course / "autograded" / student / AID / f"{AID}.ipynb"
        if nb_path.exists():
            outputs = json.dumps([c.get("outputs", []) for c in nbformat.read(nb_path, as_version=4).cells])
            assert not [l for l in lines if l in outputs], f"{student}: hidden test code in the outputs"
        page = course / "feedback" / student / AID / f"{AID}.html"
        if page.exists():
            html = page.read_text()
            assert "BEGIN HIDDEN TESTS" not in html and not [l for l in lines if l in html], f"{student}: feedback"
    assert catalog[2]["listener"] == [], "student code reached a loopback port"


def test_course_files_unchanged_and_nothing_left_in_tmp(catalog):
    course, _, before, _, _ = catalog
    assert snapshot(course / "source") == before["source"]
    assert list(before["tmp"].iterdir()) == [], "the grader left files in its scratch folder"
    assert not Path(tempfile.gettempdir(), "junk").exists(), "a kernel wrote into the machine's /tmp"
    db = sqlite3.connect(course / "gradebook.db")
    assert db.execute("SELECT COUNT(*) FROM grade WHERE extra_credit IS NOT NULL AND extra_credit != 0").fetchone()[0] == 0


def test_submitted_is_never_modified(catalog):
    course, _, before, _, _ = catalog
    assert snapshot(course / "submitted") == before["submitted"]


def test_no_process_or_cgroup_left_behind(catalog):
    """Nothing the run started is left: no process of its own, none in a cgroup of its own, no cgroup."""
    course, run = str(catalog[0]), str(catalog[3].args_pid)
    leftovers = []
    for p in psutil.process_iter(["cmdline", "cwd", "pid"]):
        try:
            if (p.info["cwd"] or "").startswith(course) or p.info["pid"] == int(run):
                leftovers.append(p.info)
        except psutil.Error:
            pass
    assert not leftovers
    cgroups = [str(p) for root in sandbox.CGROUP_ROOTS for p in root.glob(f"nnkit-grader-{run}-*")]
    assert not cgroups


def test_gradebook_matches_ledger_and_is_intact(catalog):
    """Scores agree, and the Formgrader sees what the ledger says: flagged notebooks, the reasons as a comment."""
    course, _, _, _, ledger = catalog
    db = sqlite3.connect(course / "gradebook.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = db.execute("SELECT a.student_id, n.flagged, GROUP_CONCAT(c.auto_comment, ' ') FROM submitted_notebook n "
                      "JOIN submitted_assignment a ON n.assignment_id = a.id "
                      "LEFT JOIN comment c ON c.notebook_id = n.id GROUP BY n.id").fetchall()
    assert rows
    for student, flagged, comments in rows:
        entry = ledger[student]
        should = bool(entry.get("flags")) or entry["status"] == "ungraded"
        assert bool(flagged) == should, f"{student}: gradebook flagged={flagged}, ledger {entry}"
        for reason in entry.get("flags", []) + ([entry["reason"]] if entry["status"] == "ungraded" else []):
            assert reason in (comments or ""), f"{student}: the gradebook's comment lacks {reason!r}"
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
    assert "root:x:0" not in out.read_text(), "grades.csv quotes a file a submission linked to"
    rows = {r["student_id"]: r for r in csv.DictReader(out.open())}
    assert set(rows) == {p.name for p in (course / "submitted").iterdir()}
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
    # Started with SIGINT ignored, as a shell starts a background job without job control:
    # the grader installs its own handler, so Ctrl-C works however it was started.
    proc = subprocess.Popen(GRADER + ["--root", str(course), "--jobs", "2"], stdout=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    first = ""
    while not first.splitlines() or not first.splitlines()[-1].startswith("[1/"):  # up to one graded submission
        line = proc.stdout.readline()
        assert line, first
        first += line
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=120)
    assert proc.returncode == 130, first + rest
    ledger_file = course / "autograded" / ".status" / f"{AID}.json"
    partial = json.loads(ledger_file.read_text())
    graded = [s for s, e in partial.items() if e["status"] == "graded"]
    stopped = [s for s, e in partial.items() if e["status"] != "graded"]
    assert 1 <= len(graded) < 6
    assert all("stopped while grading" in partial[s]["reason"] for s in stopped), partial
    again = grade(course)
    assert f"Grading {6 - len(graded)} submission(s)" in again.stdout
    final = json.loads(ledger_file.read_text())
    assert len(final) == 6 and all(e["status"] == "graded" and e["score"] == e["max_score"] - WRITTEN for e in final.values())


def test_submission_over_its_wall_time_is_ungraded(tmp_path):
    """Every cell stays under the cell timeout, but the whole submission runs too long."""
    course = coursekit.make_course(tmp_path / "course", [AID])
    slow = bad_submissions.redefine("import time\ntime.sleep(2.5)")(good_notebook(course), {})
    coursekit.submit(course, "slowpoke", AID, slow)
    (tmp_path / "tmp").mkdir()
    proc = grade(course, "--submission-timeout", "6", tmp=tmp_path / "tmp")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    entry = json.loads((course / "autograded" / ".status" / f"{AID}.json").read_text())["slowpoke"]
    assert entry["status"] == "ungraded" and "timed out after 6 s" in entry["reason"], entry
    # Killed with SIGKILL, its judge cleaned nothing: the coordinator removed its scratch folder and cgroups.
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not [p for root in sandbox.CGROUP_ROOTS for p in root.glob(f"nnkit-grader-{proc.args_pid}-*")]


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


def test_without_bubblewrap_the_grader_stops_and_says_how_to_install_it(tmp_path):
    course = coursekit.make_course(tmp_path / "course", [AID])
    coursekit.submit(course, "student", AID, good_notebook(course))
    env = dict(os.environ, PATH=str(Path(sys.executable).parent))       # no /usr/bin: no bwrap
    proc = subprocess.run(GRADER + ["--root", str(course)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "apt-get install bubblewrap" in proc.stderr and "SANDBOX=none" in proc.stderr
    assert not (course / "autograded").exists()


def test_sandbox_none_grades_unconfined_and_says_so_everywhere(tmp_path):
    course = coursekit.make_course(tmp_path / "course", [AID])
    coursekit.submit(course, "student", AID, good_notebook(course))
    proc = grade(course, "--sandbox", "none")
    assert proc.returncode == 0 and "UNCONFINED" in proc.stdout, proc.stdout + proc.stderr
    entry = json.loads((course / "autograded" / ".status" / f"{AID}.json").read_text())["student"]
    assert entry["sandbox"] == "none" and entry["score"] == entry["max_score"] - WRITTEN
    out = tmp_path / "grades.csv"
    subprocess.run([sys.executable, coursekit.ROOT / "tools" / "grades.py", "--root", course, "--out", out],
                   check=True, capture_output=True)
    assert "graded without the sandbox" in out.read_text()
    report = subprocess.run([sys.executable, coursekit.ROOT / "tools" / "report.py", "--root", course],
                            check=True, capture_output=True, text=True).stdout
    assert "UNCONFINED" in report
    # Graded again with the sandbox, the same submission is not taken as unchanged.
    assert "Grading 1 submission(s)" in grade(course).stdout


def test_an_error_in_student_code_names_the_call():
    """An exception raised by a student's function says where, and what it was called with."""
    import numpy as np
    from grader import proxy

    class Conn:
        def request(self, *args):
            raise proxy.student_error({"type": "IndexError", "message": "index 5 is out of bounds",
                                       "where": ["cell dense, line 3, in dense_backward"]})

    with pytest.raises(IndexError) as caught:
        proxy.Remote(Conn(), name="dense_backward")(np.zeros((5, 4)), (1, 2), lr=0.1)
    assert str(caught.value) == ("index 5 is out of bounds (raised by your code: cell dense, line 3, in "
                                 "dense_backward). It was called as dense_backward(array (5, 4), tuple of 2, lr=0.1).")

"""Ordinary steps of a term that used to break or mislead: Lab's checkpoints beside the course's
notebooks, an output of an earlier run left looking current, a release rewritten by grading."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
import nbformat

from grader import lab_form, plan
from quality import coursekit

ROOT = coursekit.ROOT
AID = "a01-neurons"


def course_tree(tmp_path):
    """A root with the repo's plan, course, source and nnkit (linked), where a test may add files."""
    root = tmp_path / "root"
    (root / "course").mkdir(parents=True)
    shutil.copy(ROOT / "plan.toml", root)
    for unit in ROOT.joinpath("course").iterdir():
        (root / "course" / unit.name).symlink_to(unit)
    for name in ("source", "nnkit"):
        (root / name).symlink_to(ROOT / name)
    return root


def test_lab_checkpoints_are_not_lectures(tmp_path):
    """Opening course/index.ipynb in Lab writes course/.ipynb_checkpoints/index-checkpoint.ipynb."""
    root = course_tree(tmp_path)
    (root / "course" / ".ipynb_checkpoints").mkdir()
    shutil.copy(ROOT / "course" / "index.ipynb", root / "course" / ".ipynb_checkpoints" / "index-checkpoint.ipynb")
    stage = plan.load(root / "plan.toml").stage(AID)
    assert stage.lectures and not [p for p in stage.lectures if plan.CHECKPOINTS in p.parts]
    assert not [p for p in plan.notebooks(root / "course") if plan.CHECKPOINTS in p.parts]


def test_a_failed_export_leaves_no_stale_grades_or_report(tmp_path):
    (tmp_path / "grades.csv").write_text("student_id,a01 score\nalice,3\n")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / f"{AID}.txt").write_text("an old report\n")
    for tool, args in (("grades.py", ["--out", tmp_path / "grades.csv"]), ("report.py", [])):
        proc = subprocess.run([sys.executable, ROOT / "tools" / tool, "--root", tmp_path, *args],
                              capture_output=True, text=True)
        assert proc.returncode != 0 and "make autograde" in proc.stderr
    assert not (tmp_path / "grades.csv").exists() and not (tmp_path / "reports" / f"{AID}.txt").exists()


def test_grading_a_new_assignment_leaves_its_committed_release_as_it_was(tmp_path):
    """The grader generates what the gradebook does not know; the release it writes is byte for byte
    the one `make assignments` commits (in Lab's form), so git stays clean."""
    course = coursekit.make_course(tmp_path / "course", [AID])
    release = course / "assignments" / AID / f"{AID}.ipynb"
    lab_form.write([release])
    committed = release.read_bytes()
    os.remove(course / "gradebook.db")
    good = coursekit.student_answer(*(nbformat.read(course / d / AID / f"{AID}.ipynb", as_version=4)
                                      for d in ("source", "assignments")))
    coursekit.submit(course, "student", AID, good)
    proc = subprocess.run([sys.executable, "-m", "grader", "autograde", "--root", course, "--jobs", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert release.read_bytes() == committed


def test_the_grading_rule_comes_from_the_plan_and_plan_mistakes_say_what_to_fix(tmp_path):
    """An instructor who adds a 13th assignment gets letters out of 13, never 'C: all 12'."""
    rule = plan.Grading(pass_fraction=0.9, a=12, b=10, counts=[f"a{i:02d}" for i in range(1, 14)])
    project = plan.load().project
    assert rule.letter(13, project)[0] == "C" and rule.letter(12, project)[1]["C"] == ["1 more assignment passed"]
    assert "A: 12 of 13" in rule.rule() and rule.passes(9, 10) and not rule.passes(8.9, 10)
    assert plan.load().grading.total == len(plan.load().grading.counts) == 12
    root = course_tree(tmp_path)
    text = (ROOT / "plan.toml").read_text()
    for broken, says in ((text.replace("a = 11", "a = 20"), "[grading] a = 20"),
                         (text.replace("due = 2\n", "", 1), "every [[week]] has unit, lectures, assignment and due"),
                         (text + "\n[[week\n", "not valid TOML")):
        (root / "plan.toml").write_text(broken)
        try:
            plan.load(root / "plan.toml")
        except ValueError as exc:
            assert says in str(exc), exc
        else:
            raise AssertionError(f"a plan with a mistake loaded: {says}")


def validate(tmp_path, nb, cwd=ROOT):
    path = tmp_path / "a02-backprop.ipynb"
    nbformat.write(nb, path)
    proc = subprocess.run([sys.executable, "-m", "nbgrader", "validate", str(path)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=dict(os.environ, PATH=f"{Path(sys.executable).parent}:"
                                                                           f"{os.environ['PATH']}"))
    return proc.stdout + proc.stderr


def test_validate_applies_the_graders_policy_and_names_unwritten_functions(tmp_path):
    """Validate said "Success!" for an answer that imports what the grader flags (nnkit.functions in a02)."""
    aid = "a02-backprop"
    release = nbformat.read(ROOT / "assignments" / aid / f"{aid}.ipynb", as_version=4)
    good = coursekit.student_answer(nbformat.read(ROOT / "source" / aid / f"{aid}.ipynb", as_version=4), release)
    first = next(c for c in good.cells if c.metadata.get("nbgrader", {}).get("solution"))
    first.source = "from nnkit.functions import sigmoid\n" + first.source
    out = validate(tmp_path, good)
    assert "Success" not in out and "the grader will flag this notebook" in out and "nnkit.functions" in out, out
    out = validate(tmp_path, release)
    assert "is not written yet" in out and "NotImplementedError:\n" not in out, out


def test_validate_says_success_and_warns_of_nothing(tmp_path):
    """Each `nbgrader validate` logged "Kernel is running over TCP without encryption" (40 times in
    make bench): a warning that needs nothing from anyone teaches students and TAs to skip warnings."""
    aid = "a02-backprop"
    good = coursekit.student_answer(nbformat.read(ROOT / "source" / aid / f"{aid}.ipynb", as_version=4),
                                    nbformat.read(ROOT / "assignments" / aid / f"{aid}.ipynb", as_version=4))
    student = tmp_path / "student"
    student.mkdir()
    shutil.copy(ROOT / "tools" / "student_nbgrader_config.py", student / "nbgrader_config.py")
    for cwd in (ROOT, student):
        out = validate(tmp_path, good, cwd)
        assert "Success!" in out and "WARNING" not in out and "encryption" not in out, out


def test_next_weeks_bundle_never_overwrites_a_started_notebook(tmp_path):
    """A student takes week 2's bundle with `lab.py --update` after starting a01 in week 1."""
    import zipfile
    week1, week2 = tmp_path / "week1.zip", tmp_path / "week2.zip"
    for out, until in ((week1, AID), (week2, "a02-backprop")):
        subprocess.run([sys.executable, ROOT / "tools" / "student_bundle.py", out, "--until", until], check=True,
                       capture_output=True)
    with zipfile.ZipFile(week1) as z:
        z.extractall(tmp_path / "student")
    folder = tmp_path / "student" / "nn-first-principles"
    mine = folder / "assignments" / AID / f"{AID}.ipynb"
    mine.write_text(mine.read_text().replace("raise NotImplementedError()", "return 42  # my work", 1))
    started = mine.read_bytes()
    # A corrected a01 in week 2 (a fixed typo): the student's copy stays, the new release goes beside it.
    fixed = tmp_path / "week2-fixed.zip"
    with zipfile.ZipFile(week2) as src, zipfile.ZipFile(fixed, "w") as dst:
        contents = {info.filename: src.read(info) for info in src.infolist()}
        name = next(n for n in contents if n.endswith(f"{AID}/{AID}.ipynb"))
        contents[name] = contents[name].replace(b"raise NotImplementedError()", b"raise NotImplementedError()  # fixed", 1)
        manifest_name = next(n for n in contents if n.endswith("/bundle.json"))
        manifest = json.loads(contents[manifest_name])
        manifest["files"][f"assignments/{AID}/{AID}.ipynb"] = hashlib.sha256(contents[name]).hexdigest()
        contents[manifest_name] = json.dumps(manifest).encode()
        for info in src.infolist():
            dst.writestr(info, contents[info.filename])
    proc = subprocess.run([sys.executable, folder / "lab.py", "--update", fixed], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert mine.read_bytes() == started, "the student's a01 was overwritten"
    beside = mine.with_name(f"{AID}.week2.ipynb")
    assert beside.exists() and b"# fixed" in beside.read_bytes()
    assert (folder / "assignments" / "a02-backprop" / "a02-backprop.ipynb").exists()
    assert "new      assignments/a02-backprop/a02-backprop.ipynb" in proc.stdout, proc.stdout
    assert f"kept     assignments/{AID}/{AID}.ipynb (yours)" in proc.stdout, proc.stdout
    assert "updated  course/index.ipynb" in proc.stdout, proc.stdout     # never touched by the student: replaced
    assert '"week": 2' in (folder / "bundle.json").read_text()
    again = subprocess.run([sys.executable, folder / "lab.py", "--update", fixed], capture_output=True, text=True)
    assert "nothing new" in again.stdout and mine.read_bytes() == started, again.stdout

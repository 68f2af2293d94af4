"""TA and instructor tools: the student bundle, collecting an LMS zip, make help."""

import ast
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import psutil
import pytest

from grader import plan
from quality import coursekit

sys.path.insert(0, str(coursekit.ROOT / "tools"))
import student_bundle  # noqa: E402

ROOT = coursekit.ROOT


def blocks(text, begin, end):
    return [b for b in re.findall(rf"{begin}\n(.*?)\n[ \t]*{end}", text, re.S) if b.strip()]


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def readable(name, data):
    """A file's text; for a notebook, its cell sources and text outputs."""
    text = data.decode("utf-8", "replace")
    if not name.endswith(".ipynb"):
        return text
    nb = nbformat.reads(text, as_version=4)
    parts = [c.source for c in nb.cells]
    parts += [o.get("text", "") for c in nb.cells for o in c.get("outputs", [])]
    return "\n".join(parts)


STAGES = plan.load().stages()
# Students never receive the course's source material: nothing they read may call it "the seed".
SEED = re.compile(r"(?i)\bseeds?(?:'s)?\s+(?:notes?|lectures?|slides?|materials?|files?|sources?|syllabus|demo)\b"
                  r"|\bseed's\b|shared/seeds")


def bundle_problems(out, stage):
    """What is wrong with the bundle at out for that stage: files, modes, and any solution or hidden test."""
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        texts = {n: readable(n, z.read(n)) for n in names if not n.endswith("/")}
        modes = {n: z.getinfo(n).external_attr >> 16 for n in names}
    problems = []
    tops = {n.split("/")[1] for n in names}
    if tops != {"course", "assignments", "nnkit", "requirements.txt", "pyproject.toml", "LICENSE", "README.md", "docs",
                "lab.py", "nbgrader_config.py", "jupyter-config", "bundle.json", "project"}:
        problems.append(f"top-level entries {sorted(tops)}")
    if {n for n in names if n.endswith(".ipynb") and "/assignments/" in n} != \
            {f"nn-first-principles/assignments/{a}/{a}.ipynb" for a in stage.assignments}:
        problems.append("the assignments are not those released")
    if {n for n in names if n.endswith(".ipynb") and "/course/" in n} != \
            {f"nn-first-principles/{p.relative_to(ROOT)}" for p in stage.lectures} | {"nn-first-principles/course/index.ipynb"}:
        problems.append("the lectures are not those released")
    if {n.rsplit("/", 1)[1][:-3] for n in names if "/nnkit/" in n and n.endswith(".py")} != set(stage.nnkit_modules):
        problems.append("the nnkit modules are not those that answer nothing open")
    if not all(m in (0o100644, 0o40755) for m in modes.values()):
        problems.append(f"file modes {set(modes.values())}")
    problems += [f"the README does not say when {aid} is due" for aid in stage.assignments
                 if f"`{aid}`, due at the end of week" not in texts["nn-first-principles/README.md"]]
    rule = plan.load().grading
    problems += [f"the README does not say that {aid} is on the advanced track" for aid in stage.assignments
                 if rule.role(aid) and rule.role(aid) not in squash(texts["nn-first-principles/README.md"])]

    def joined(files):
        return squash("\n".join(files))

    everything = joined(texts.values())
    notebooks = joined(t for n, t in texts.items() if "/nnkit/" not in n)
    # Once an assignment is due, nnkit's reference modules that answer it ship (plan.toml);
    # before, nothing in the bundle holds its solution. No notebook ever does.
    for aid in coursekit.assignment_ids():
        where = everything if aid in stage.not_due else notebooks
        source = (ROOT / "source" / aid / f"{aid}.ipynb")
        cells = "\n\n".join(c.source for c in nbformat.read(source, as_version=4).cells)
        solutions = blocks(cells, "### BEGIN SOLUTION", "### END SOLUTION")
        hidden = blocks(cells, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
        assert solutions and hidden, f"{aid} has no solution or no hidden-test blocks"
        problems += [f"a solution of {aid}:\n{block}" for block in solutions if squash(block) in where]
        problems += [f"a hidden test of {aid}:\n{block}" for block in hidden if squash(block) in everything]
    problems += [f"the marker {marker}" for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS") if marker in everything]
    problems += [f"{n} names the course's sources 'seed': {m[0]!r}" for n, text in texts.items()
                 for m in [SEED.search(text)] if m]
    return problems


def make_bundle(out, stage, monkeypatch):
    """Run tools/student_bundle.py in this process (so that a test may patch what it reads)."""
    monkeypatch.setattr(sys, "argv", ["student_bundle.py", str(out), "--until", stage.assignment])
    student_bundle.main()


@pytest.mark.parametrize("stage", STAGES, ids=[s.assignment for s in STAGES])
def test_student_bundle_holds_no_solution_and_no_hidden_test(stage, tmp_path):
    out = tmp_path / "bundle.zip"
    subprocess.run([sys.executable, ROOT / "tools" / "student_bundle.py", out, "--until", stage.assignment],
                   check=True, capture_output=True)
    problems = bundle_problems(out, stage)
    assert not problems, "\n".join(problems)


def test_the_bundle_check_finds_a_solution_that_leaked_into_a_bundle(tmp_path, monkeypatch):
    """A bundle made from solutions/ in place of assignments/, its markers gone (so that the bundle's own
    refusal cannot see it), is caught by the check the bundle tests use."""
    stage, real = STAGES[0], student_bundle.files
    leaked = tmp_path / "leaked.ipynb"
    text = (ROOT / "solutions" / stage.assignment / f"{stage.assignment}.ipynb").read_text()
    leaked.write_text(re.sub(r"### (BEGIN|END) (SOLUTION|HIDDEN TESTS)", "", text))

    def leaking(stage):
        for path, rel in real(stage):
            yield (leaked if rel.suffix == ".ipynb" and rel.parts[0] == "assignments" else path), rel
    monkeypatch.setattr(student_bundle, "files", leaking)
    make_bundle(tmp_path / "bundle.zip", stage, monkeypatch)
    problems = bundle_problems(tmp_path / "bundle.zip", stage)
    assert any(p.startswith(f"a solution of {stage.assignment}") for p in problems), problems


def test_bundle_refuses_a_lecture_that_imports_what_students_do_not_hold(tmp_path, monkeypatch):
    stage = STAGES[0]
    later = ROOT / "course" / "02-automatic-differentiation" / "06-network-from-scratch-with-ad.ipynb"
    assert "layers" in student_bundle.nnkit_imports(later) and "layers" not in stage.nnkit_modules
    course_plan = plan.load()
    real_stage = course_plan.stage

    def with_a_later_lecture(aid):
        s = real_stage(aid)
        s.lectures.append(later)
        return s
    monkeypatch.setattr(course_plan, "stage", with_a_later_lecture)
    monkeypatch.setattr(student_bundle.course_plan, "load", lambda: course_plan)
    (tmp_path / "bundle.zip").write_text("last week's bundle")
    with pytest.raises(SystemExit, match=r"Refusing to bundle week 1: .*06-network-from-scratch-with-ad.ipynb "
                                         r"imports nnkit\..*layers"):
        make_bundle(tmp_path / "bundle.zip", stage, monkeypatch)
    assert not (tmp_path / "bundle.zip").exists(), "a refused bundle left an earlier one looking current"


def test_collect_files_an_lms_zip_and_loses_nothing(tmp_path):
    course = tmp_path / "course"
    (course / "source" / "a01-neurons").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    old = course / "submitted" / "bob" / "a01-neurons"
    old.mkdir(parents=True)
    (old / "a01-neurons.ipynb").write_text("first attempt")
    download = tmp_path / "download.zip"
    with zipfile.ZipFile(download, "w") as z:
        z.writestr("lms/alice_a01-neurons.ipynb", "alice's work")
        z.writestr("lms/bob_a01-neurons.ipynb", "bob's second attempt")
        z.writestr("lms/carol_homework.ipynb", "carol's misnamed work")
        z.writestr("lms/Dan Brown_a01-neurons.ipynb", "dan's work, under a name that is not an id")
    proc = subprocess.run([sys.executable, ROOT / "tools" / "collect.py", download, "a01-neurons"], cwd=course,
                          capture_output=True, text=True,
                          env={"PATH": f"{sys.executable.rsplit('/', 1)[0]}:/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    sub = course / "submitted"
    assert (sub / "alice" / "a01-neurons" / "a01-neurons.ipynb").read_text() == "alice's work"
    assert (sub / "bob" / "a01-neurons" / "a01-neurons.ipynb").read_text() == "bob's second attempt"
    assert (sub / "carol" / "a01-neurons" / "homework.ipynb").exists()  # graded later as "ungraded: misnamed"
    out = proc.stdout
    assert "MISNAMED carol: has homework.ipynb" in out and \
        "mv 'submitted/carol/a01-neurons/homework.ipynb' 'submitted/carol/a01-neurons/a01-neurons.ipynb'" in out, out
    assert "NOT FILED 'lms/Dan Brown_a01-neurons.ipynb'" in out and "mkdir -p submitted/<student_id>" in out, out
    backups = list((course / "submitted-history" / "a01-neurons").glob("*/bob/a01-neurons.ipynb"))
    assert [b.read_text() for b in backups] == ["first attempt"]


def lms_zip(path, entries):
    """A download: {name: (text, (year, month, day, hour, minute))}, each entry with its upload time."""
    with zipfile.ZipFile(path, "w") as z:
        for name, (text, when) in entries.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(*when, 0)), text)
    return path


def test_any_number_of_downloads_in_any_order_file_the_newest_submission(tmp_path):
    """Late work and resubmissions come as a second zip; the first zip collected again changes nothing."""
    course = tmp_path / "course"
    (course / "source" / "a01-neurons").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    env = {"PATH": f"{sys.executable.rsplit('/', 1)[0]}:/usr/bin:/bin"}

    def collect(download):
        proc = subprocess.run([sys.executable, ROOT / "tools" / "collect.py", download, "a01-neurons"], cwd=course,
                              capture_output=True, text=True, env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout

    first = lms_zip(tmp_path / "first.zip", {"alice_a01-neurons.ipynb": ("alice v1", (2026, 9, 1, 10, 0)),
                                             "bob_a01-neurons.ipynb": ("bob v1", (2026, 9, 1, 11, 0)),
                                             "carol_homework.ipynb": ("carol v1", (2026, 9, 1, 12, 0))})
    late = lms_zip(tmp_path / "late.zip", {"alice_a01-neurons.ipynb": ("alice v2", (2026, 9, 3, 9, 0)),
                                           "dave_a01-neurons.ipynb": ("dave v1", (2026, 9, 3, 9, 30))})
    out = collect(first)
    assert "FILED alice" in out and "MISNAMED carol" in out, out
    sub = course / "submitted"
    (sub / "carol" / "a01-neurons" / "homework.ipynb").rename(sub / "carol" / "a01-neurons" / "a01-neurons.ipynb")
    out = collect(late)
    assert "FILED alice" in out and "replacing the one of 2026-09-01 10:00" in out and "FILED dave" in out, out
    out = collect(first)                                    # the first download again: nothing older wins
    assert "0 submission(s) filed" in out and "KEPT alice" in out and "KEPT carol" in out, out
    text = {s: (sub / s / "a01-neurons" / "a01-neurons.ipynb").read_text() for s in ("alice", "bob", "carol", "dave")}
    assert text == {"alice": "alice v2", "bob": "bob v1", "carol": "carol v1", "dave": "dave v1"}
    assert "2026-09-03 09:00" in (sub / "alice" / "a01-neurons" / "timestamp.txt").read_text()
    history = [p.read_text() for p in (course / "submitted-history" / "a01-neurons").glob("*/alice/*.ipynb")]
    assert history == ["alice v1"]
    assert len(list((course / "downloaded" / "a01-neurons" / "zips").iterdir())) == 3


def test_make_help_lists_every_target():
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY: (.*)$", makefile, re.M).group(1).split()
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    for target in phony:
        assert f"make {target} " in out, f"make help does not list {target}"


def test_make_autograde_passes_every_limit_it_names():
    """--cell-timeout existed, but make autograde had no CELL_TIMEOUT to set it with."""
    def command(*args):
        out = subprocess.run(["make", "-n", "autograde", *args], cwd=ROOT, capture_output=True, text=True).stdout
        return " ".join(out.split("grader autograde", 1)[1].split())
    for flag in ("--cell-timeout", "--submission-timeout", "--memory-mb", "--output-limit"):
        assert flag not in command(), f"make autograde passes {flag} by default: its default belongs to grader/judge.py"
    said = command("CELL_TIMEOUT=7", "SUBMISSION_TIMEOUT=90", "MEMORY_MB=512", "OUTPUT_LIMIT=100", "JOBS=3")
    for flag in ("--cell-timeout 7", "--submission-timeout 90", "--memory-mb 512", "--output-limit 100", "--jobs 3"):
        assert flag in said, said


def test_each_grading_limit_has_one_declaration():
    """A limit's default lives in SandboxedJudge's traitlets only: the course's config, the command line and
    the sandbox's Limits take it from there, and an override for one run reaches the sandbox."""
    import dataclasses

    from grader import coordinator, sandbox
    from grader.judge import SandboxedJudge
    from nnkit.validation import CELL_TIMEOUT

    names = ("timeout", "submission_timeout", "memory_mb", "output_limit")
    declared = {name: SandboxedJudge.class_traits()[name].default_value for name in names}
    assert declared["timeout"] == CELL_TIMEOUT, "Validate and grading give a cell different times"
    course = SandboxedJudge(config=coordinator.load_config(ROOT))
    assert {name: getattr(course, name) for name in names} == declared, "nbgrader_config.py repeats a default"
    assert all(f.default is dataclasses.MISSING for f in dataclasses.fields(sandbox.Limits)), \
        "sandbox.Limits declares defaults of its own"
    run = SandboxedJudge(config=coordinator.load_config(ROOT, memory_mb=512, timeout=7))
    assert (run.limits().memory_mb, run.timeout) == (512, 7)
    with pytest.raises(TypeError, match="memroy_mb"):
        coordinator.load_config(ROOT, memroy_mb=512)
    out = subprocess.run([sys.executable, "-m", "grader", "autograde", "--help"], cwd=ROOT, capture_output=True,
                         text=True).stdout
    assert f"default {declared['memory_mb']}" in out and f"default {declared['submission_timeout']}" in out, out


def test_the_formgrader_has_an_exchange_that_says_where_each_step_is_done(tmp_path, monkeypatch):
    """No exchange warning: released = generated into assignments/; Release and Unrelease name the make
    target; Collect and Release Feedback do the work through the LMS's zips and say so, in lines the
    Formgrader's log box shows whole (they opened an "Error" box with a traceback, the instruction cut off)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{os.environ['PATH']}")   # nbgrader runs alembic
    aid = "a01-neurons"
    course = tmp_path / "course"
    for folder in (f"source/{aid}", "source/a99-draft", f"assignments/{aid}"):
        (course / folder).mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copy(ROOT / "assignments" / aid / f"{aid}.ipynb", course / "assignments" / aid)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    api = NbGraderAPI(CourseDirectory(config=config, root=str(course)), config=config)
    assert not api.exchange_missing
    assert api.get_assignment(aid)["status"] == "released"
    assert api.get_assignment("a99-draft")["status"] == "draft"
    for action in (api.release_assignment, api.unrelease):
        result = action(aid)
        assert not result["success"] and "make student-bundle" in result["log"], result

    def done(result, *says):
        assert result["success"] and all(s in result["log"] for s in says), result
        assert max(len(line) for line in result["log"].splitlines()) <= 90, result["log"]

    done(api.collect(aid), "Nothing to collect", f"lms/{aid}/", "make collect")
    (course / "lms" / aid).mkdir(parents=True)
    lms_zip(course / "lms" / aid / "download.zip", {f"alice_{aid}.ipynb": ("alice's work", (2026, 9, 1, 10, 0)),
                                                    f"bob_{aid}.ipynb": ("bob's work", (2026, 9, 1, 11, 0))})
    done(api.collect(aid), "download.zip")
    assert (course / "submitted" / "alice" / aid / f"{aid}.ipynb").read_text() == "alice's work"
    assert not (course / "lms" / aid / "download.zip").exists()            # collected: kept in downloaded/
    done(api.collect(aid), "Nothing to collect")

    done(api.release_feedback(aid), "Nothing to release", "Generate Feedback")
    for sid in ("alice", "bob"):
        (course / "autograded" / sid / aid).mkdir(parents=True)
        (course / "autograded" / sid / aid / f"{aid}.ipynb").write_text("graded")
    page = course / "feedback" / "alice" / aid / f"{aid}.html"
    page.parent.mkdir(parents=True)
    page.write_text("alice's feedback")
    done(api.release_feedback(aid), f"lms/{aid}-feedback.zip", "1 student", "Left out bob: no feedback page")
    with zipfile.ZipFile(course / "lms" / f"{aid}-feedback.zip") as z:
        assert z.namelist() == [f"alice_{aid}.html"] and z.read(f"alice_{aid}.html") == b"alice's feedback"
    os.utime(page, (0, 0))                             # regraded since: the old page must not go out
    done(api.release_feedback(aid), "Nothing to release", "older than the last grading")
    assert not (course / "lms" / f"{aid}-feedback.zip").exists()


def test_restoring_a_test_cell_warns_only_when_the_student_changed_it(tmp_path, caplog):
    """Every released cell with hidden tests differs from the gradebook's copy: nbgrader's
    OverwriteCells warned "Attribute 'checksum' ... has changed!" for each, on every honest
    submission. Only a test cell the student changed is worth a TA's attention."""
    import logging

    from nbgrader.api import Gradebook
    from traitlets.config import Config

    from grader.sanitize import OverwriteCells

    aid = "a02-backprop"
    course = coursekit.make_course(tmp_path, [aid])
    release = nbformat.read(course / "assignments" / aid / f"{aid}.ipynb", as_version=4)
    tampered = nbformat.from_dict(release)
    visible = next(c for c in tampered.cells if c.metadata.get("nbgrader", {}).get("grade") and
                   not c.metadata["nbgrader"].get("solution"))
    visible.source = "pass  # the student's own version of the test"

    def warnings_for(nb):
        caplog.clear()
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb, caplog.at_level(logging.DEBUG):
            pre = OverwriteCells(config=Config())
            pre.log = logging.getLogger("overwrite-test")
            pre.preprocess(nbformat.from_dict(nb), {"nbgrader": {"notebook": aid, "assignment": aid,
                                                                 "db_url": f"sqlite:///{course / 'gradebook.db'}"}})
        return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]

    assert warnings_for(release) == []
    said = warnings_for(tampered)
    assert len(said) == 1 and visible.metadata["nbgrader"]["grade_id"] in said[0], said


def _name(requirement):
    """The distribution a requirement string names, normalized ("scikit-learn>=1; extra == 'x'" -> scikit-learn)."""
    return re.split(r"[\s;\[<>=!~(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _closure(names):
    """Every distribution that installing `names` installs (their requirements, recursively, no extras)."""
    import importlib.metadata as md

    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            todo += [_name(r) for r in (md.requires(name) or []) if "extra ==" not in r]
        except md.PackageNotFoundError:
            pass
    return seen


def _imports(code):
    """The top-level modules some Python source imports."""
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_students_install_what_the_course_imports_and_no_tool_of_ours():
    """The bundle installed the developers' environment (Playwright, pytest, nbval: 893 MB). Students'
    requirements (requirements-student.txt) bring a distribution for every module the lectures,
    assignments and nnkit import, and none of the instructors' tools."""
    import importlib.metadata as md

    pins = {_name(line) for line in (ROOT / "requirements-student.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")}
    needed = set()
    for path in [*ROOT.glob("course/*/*.ipynb"), *ROOT.glob("assignments/*/*.ipynb")]:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                needed |= _imports("\n".join(l for l in cell.source.splitlines() if not l.lstrip().startswith(("%", "!"))))
    for path in (ROOT / "nnkit").glob("*.py"):
        needed |= _imports(path.read_text())
    installed = _closure(pins)
    provided = md.packages_distributions()
    missing = {m: provided.get(m) for m in needed - set(sys.stdlib_module_names) - {"nnkit"}
               if not {_name(d) for d in provided.get(m, [])} & installed}
    assert not missing, f"modules the course imports that requirements-student.txt does not install: {missing}"
    tools = {"pytest", "playwright", "nbval", "latex2mathml"} & installed
    assert not tools, f"requirements-student.txt installs the instructors' tools {tools}"
    assert "-r requirements-student.txt" in (ROOT / "requirements.txt").read_text()


def test_a_test_session_over_its_time_limit_is_stopped_and_fails(tmp_path, capsys):
    """make test's sessions (tools/run_tests.py) each have a time limit; one that runs past it fails, named."""
    sys.path.insert(0, str(ROOT / "tools"))
    import run_tests

    slow = tmp_path / "test_slow.py"
    slow.write_text("import subprocess, time\n\ndef test_slow():\n    subprocess.Popen(['sleep', '301'])\n"
                    "    time.sleep(300)\n")
    quick = tmp_path / "test_quick.py"
    quick.write_text("def test_quick():\n    pass\n")
    started = time.monotonic()
    code = run_tests.run({"slow": [str(slow)], "quick": [str(quick)]}, tmp_path / "logs", limit=30)
    out = capsys.readouterr().out
    assert code == 1 and time.monotonic() - started < 90
    assert re.search(r"session slow +FAILED in \d+ s, CPU \d+ s \(stopped: over its time limit of 30 s\)", out), out
    assert re.search(r"session quick +passed", out), out
    left = [p.info for p in psutil.process_iter(["cmdline"])
            if p.info["cmdline"] and (str(slow) in " ".join(p.info["cmdline"]) or p.info["cmdline"] == ["sleep", "301"])]
    assert not left, left


def test_make_tests_sessions_leave_no_temporary_folders(tmp_path, capsys):
    """Each session's pytest temporary folders (tmp_path) live under one folder of the run, removed when it ends."""
    sys.path.insert(0, str(ROOT / "tools"))
    import run_tests

    record = tmp_path / "where.txt"
    probe = tmp_path / "test_probe.py"
    probe.write_text("def test_probe(tmp_path):\n    (tmp_path / 'data.bin').write_bytes(b'x' * 1000)\n"
                     f"    open({str(record)!r}, 'a').write(str(tmp_path) + '\\n')\n")
    code = run_tests.run({"one": [str(probe)], "two": [str(probe)]}, tmp_path / "logs", limit=120)
    assert code == 0, capsys.readouterr().out
    folders = record.read_text().split()
    assert len(folders) == 2 and len(set(folders)) == 2, folders
    assert not [f for f in folders if Path(f).exists()], f"make test left its sessions' temporary folders: {folders}"


def test_the_seed_check_tells_the_source_material_from_random_seeds():
    for text in ("as the seed notes say", "the seed lecture's example", "the seed's demo", "../shared/seeds/000"):
        assert SEED.search(text), text
    for text in ("rng = np.random.default_rng(seed)", "with the seed $(0, 1)$ of forward mode", "seeds every generator",
                 "seed=0"):
        assert not SEED.search(text), text


def test_checking_cell_metadata_accepts_and_refuses_what_nbgraders_own_check_does():
    """grader.sanitize.CheckCellMetadata makes the schema's validator once (nbgrader's checked the schema
    itself for every cell of every submission, twice): the same notebooks pass, the same errors are raised."""
    from nbgrader.nbgraderformat import MetadataValidator, SchemaTooOldError, ValidationError
    from nbgrader.preprocessors import CheckCellMetadata as Stock
    from traitlets.config import Config

    from grader.sanitize import CheckCellMetadata, _Metadata

    def spoiled(change):
        nb = nbformat.read(ROOT / "source" / "a02-backprop" / "a02-backprop.ipynb", as_version=4)
        change(next(c.metadata["nbgrader"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")))
        return nb

    cases = {"as written": spoiled(lambda meta: None),
             "points that are not a number": spoiled(lambda meta: meta.update(points="two")),
             "an unknown cell type": spoiled(lambda meta: meta.update(cell_type="picture")),
             "no grade_id": spoiled(lambda meta: meta.pop("grade_id")),
             "an old schema": spoiled(lambda meta: meta.update(schema_version=1))}

    def outcome(validator, nb):
        try:
            validator.validate_nb(nbformat.from_dict(nb))
        except Exception as exc:          # noqa: BLE001 (the error itself is compared)
            return type(exc), str(exc)
        return None

    outcomes = {name: outcome(_Metadata(), nb) for name, nb in cases.items()}
    assert outcomes == {name: outcome(MetadataValidator(), nb) for name, nb in cases.items()}
    assert outcomes["as written"] is None and outcomes["an old schema"][0] is SchemaTooOldError
    assert all(outcomes[name][0] is ValidationError for name in ("points that are not a number", "no grade_id"))
    for preprocessor in (Stock(config=Config()), CheckCellMetadata(config=Config())):
        preprocessor.preprocess(nbformat.from_dict(cases["as written"]), {})
        with pytest.raises(ValidationError, match="may be corrupted"):
            preprocessor.preprocess(nbformat.from_dict(cases["points that are not a number"]), {})

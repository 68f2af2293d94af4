"""Building blocks of the grading pipeline, shared by the make targets,
tools/try_assignment.py and tests/: build submissions from the solution and
the buggy variants, run nbgrader's own commands in a course directory, and
read scores back through nbgrader's Gradebook API.
"""

import ast
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from grader import gradebook
from grader.assignment import ids, is_answer, is_test, is_written, meta as _meta

ROOT = Path(__file__).resolve().parents[1]
BUGGY = ROOT / "tests" / "buggy"
CORRECT = ROOT / "tests" / "correct"
NBGRADER = [sys.executable, "-m", "nbgrader"]


def assignment_ids(root=ROOT):
    """Sorted ids of the assignments of the course at root (this repository by default)."""
    return ids(root)


def nbgrader(course, *args, check=True):
    """Run an nbgrader command in the course directory; return the CompletedProcess."""
    # nbgrader runs `alembic` from PATH: put this interpreter's bin/ first.
    env = dict(os.environ, PYTHONWARNINGS="ignore",
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    proc = subprocess.run(NBGRADER + list(args), cwd=course, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


_GENERATE = """
import sys
from nbgrader.converters import GenerateAssignment, GenerateSolution
from nbgrader.utils import temp_attrs
from grader.coordinator import api, load_config
what, root, aids = sys.argv[1], sys.argv[2], sys.argv[3:]
nbg = api(root, load_config(root))
for aid in aids:
    with temp_attrs(nbg.coursedir, assignment_id=aid):
        app = (GenerateAssignment if what == "assignment" else GenerateSolution)(coursedir=nbg.coursedir, parent=nbg)
        app.force = True
        app.start()
"""


def generate(course, aids, what="assignment"):
    """nbgrader's generate_assignment (or generate_solution) for several assignments in one process:
    nbgrader takes seconds to import, once instead of once per assignment."""
    env = dict(os.environ, PYTHONWARNINGS="ignore", PYTHONPATH=str(ROOT),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    proc = subprocess.run([sys.executable, "-c", _GENERATE, what, str(course), *aids], cwd=course, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"generating {what}s {aids} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


COURSES = ROOT / "build" / "courses"      # generated courses, by what they were generated from (make clean)


def _course_key(aids):
    """A hash of everything a generated course depends on: the config, the sources, the code that generates."""
    digest = hashlib.sha256("\n".join(aids).encode())
    files = [ROOT / "nbgrader_config.py", ROOT / "requirements.txt", *sorted((ROOT / "grader").glob("*.py")),
             *sorted((ROOT / "nnkit").glob("*.py")), *(p for aid in aids for p in sorted((ROOT / "source" / aid).rglob("*"))
                                                       if p.is_file())]
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:24]


def make_course(dest, assignments=None):
    """A fresh course in dest with the repo's config and source/, assignments generated.

    nbgrader generates a course once per content (build/courses/, keyed by a hash of what it depends on);
    later courses of the same assignments are copies: the same files and the same gradebook.
    """
    dest = Path(dest)
    aids = list(assignments or assignment_ids())
    built = COURSES / _course_key(aids)
    if not built.exists():
        fresh = COURSES / f"{built.name}.{os.getpid()}.tmp"
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        shutil.copy(ROOT / "nbgrader_config.py", fresh)
        for aid in aids:
            shutil.copytree(ROOT / "source" / aid, fresh / "source" / aid)
        generate(fresh, aids)
        try:
            fresh.rename(built)                      # another session may have made it meanwhile: the same files
        except OSError:
            shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(built, dest, dirs_exist_ok=True)
    return dest


def strip_solution_markers(src):
    return "\n".join(l for l in src.splitlines() if l.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def student_answer(source_nb, release_nb):
    """The release notebook with every answer cell filled in as a perfect student would."""
    answers = {_meta(c)["grade_id"]: strip_solution_markers(c.source)
               for c in source_nb.cells if is_answer(c)}
    nb = nbformat.from_dict(release_nb)
    for cell in nb.cells:
        gid = _meta(cell).get("grade_id")
        if is_answer(cell) and gid in answers:
            cell.source = answers[gid]
    return nb


def without_closing_cells(nb):
    """The notebook without the code cells after its last test cell (a closing demonstration): they decide no
    score (nbgrader's rule, and quality.parity's), so a buggy variant, which exists to show what the tests score,
    is submitted without them, as a student may delete a cell of their own. The solution and the right answers
    keep them: they show that the demonstration runs under the grader."""
    nb = nbformat.from_dict(nb)
    last = max(i for i, c in enumerate(nb.cells) if is_test(c) and c.cell_type == "code")
    nb.cells = nb.cells[:last + 1] + [c for c in nb.cells[last + 1:] if c.cell_type != "code" or _meta(c)]
    return nb


def load_variant(path):
    """A buggy-variant fixture: (description, LOSES, {name: source of the replacement def})."""
    text = Path(path).read_text()
    tree = ast.parse(text)
    doc = ast.get_docstring(tree) or ""
    loses, defs = None, {}
    lines = text.splitlines()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "LOSES" for t in node.targets):
            loses = ast.literal_eval(node.value)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            defs[node.name] = "\n".join(lines[start - 1:node.end_lineno])
    if loses is None or not defs or (not loses and CORRECT not in Path(path).resolve().parents):
        raise ValueError(f"{path}: a variant needs LOSES = [...] (empty only under tests/correct/) "
                         f"and at least one def or class")
    return doc, loses, defs


def _extends_itself(source):
    """True for `class Name(Name): ...`, a variant that overrides some methods of the answer's class."""
    node = ast.parse(source).body[0]
    return isinstance(node, ast.ClassDef) and any(getattr(b, "id", None) == node.name for b in node.bases)


def apply_variant(nb, defs, helpers=False):
    """Swap the named top-level defs/classes of the answer cells for the given sources.

    A class written `class Value(Value):` is not swapped but added after the
    answer's class, so that it overrides only the methods it defines.

    helpers: definitions no answer cell has (a right answer's own helpers) go at
    the end of the first answer cell, instead of being an error.
    """
    nb = nbformat.from_dict(nb)
    todo = dict(defs)
    for cell in nb.cells:
        if not is_answer(cell) or cell.cell_type != "code":
            continue
        lines = cell.source.splitlines()
        nodes = [n for n in ast.parse(cell.source).body
                 if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name in todo]
        for node in sorted(nodes, key=lambda n: -n.lineno):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            source = todo.pop(node.name)
            if _extends_itself(source):                # class Value(Value): only the methods that differ
                lines[node.end_lineno:node.end_lineno] = ["", "", *source.splitlines()]
            else:
                lines[start - 1:node.end_lineno] = source.splitlines()
        cell.source = "\n".join(lines)
    if todo and helpers:
        first = next(c for c in nb.cells if is_answer(c) and c.cell_type == "code")
        first.source += "\n\n\n" + "\n\n\n".join(todo.values())
    elif todo:
        raise ValueError(f"no answer cell defines {sorted(todo)}")
    return nb


def variants(aid):
    """Paths of the buggy-variant fixtures of one assignment."""
    return sorted((BUGGY / aid).glob("*.py"))


def right_answers(aid):
    """Paths of the right answers in other styles (tests/correct/), which must get full marks."""
    return sorted((CORRECT / aid).glob("*.py"))


def submit(course, student, aid, nb):
    """Write a notebook as student's submission (nbgrader's submitted/ layout)."""
    dest = Path(course) / "submitted" / student / aid
    dest.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest / f"{aid}.ipynb")


def submit_known_cases(course, aid):
    """Submit the solution, the untouched release, every buggy variant and every right answer in another style.

    Returns dict student -> expected LOSES: None for all points lost (release),
    [] for none lost (solution), else the listed grade_ids.
    """
    course = Path(course)
    source = nbformat.read(course / "source" / aid / f"{aid}.ipynb", as_version=4)
    release = nbformat.read(course / "assignments" / aid / f"{aid}.ipynb", as_version=4)
    good = student_answer(source, release)
    submit(course, "solution", aid, good)
    submit(course, "release", aid, release)
    expected = {"solution": [], "release": None}
    for path in variants(aid):
        _, loses, defs = load_variant(path)
        student = f"bug-{path.stem}"
        submit(course, student, aid, without_closing_cells(apply_variant(good, defs)))
        expected[student] = loses
    for path in right_answers(aid):
        student = f"ok-{path.stem}"
        submit(course, student, aid, apply_variant(good, load_variant(path)[2], helpers=True))
        expected[student] = []
    return expected


def written_points(aid, root=ROOT):
    """The points of an assignment's written questions, which a TA grades: no known case gets them."""
    nb = nbformat.read(Path(root) / "source" / aid / f"{aid}.ipynb", as_version=4)
    return sum(float(_meta(c)["points"]) for c in nb.cells if is_written(c))


def cell_scores(course, aid):
    """dict student -> {grade_id: (score, max_score)} of the autograded cells, read from the course's gradebook.

    Written answers (markdown cells a TA grades) are left out: no known case decides them.
    """
    out = {}
    with gradebook.opened(gradebook.url(course)) as gb:
        for sub in gb.assignment_submissions(aid):
            cells = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.cell_type == "code":
                        cells[g.name] = (g.score, g.max_score)
            out[sub.student_id] = cells
    return out


def compare(expected, scores):
    """Lines describing how each student's cell scores differ from expectations (empty if none)."""
    problems = []
    for student, loses in expected.items():
        cells = scores.get(student)
        if cells is None:
            problems.append(f"{student}: not graded")
            continue
        for gid, (score, max_score) in sorted(cells.items()):
            should_lose = loses is None or gid in loses
            want = 0 if should_lose else max_score
            if score != want:
                problems.append(f"{student}: cell {gid} scored {score}/{max_score}, expected {want}")
        for gid in loses or []:
            if gid not in cells:
                problems.append(f"{student}: LOSES names {gid}, which is not a graded cell")
    return problems

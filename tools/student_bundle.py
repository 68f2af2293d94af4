"""Write what students hold at one stage of the course plan, as one zip.

    .venv/bin/python tools/student_bundle.py dist/student-bundle.zip [--until aNN-name]

--until aNN-name: the week of the plan (plan.toml) that releases that
assignment (default: the last week). The bundle holds the lectures released
so far, the released assignments (from assignments/: run `make assignments`
first), the nnkit modules that answer no assignment still open, and
requirements.txt (requirements-student.txt: what students install, not the
instructors' tools), pyproject.toml, docs/conventions.md and docs/glossary.md, the project's templates
(project/: proposal, self-assessment and peer-evaluation forms, a report website), a student README, the
set-up command lab.py (tools/lab.py), the students' nbgrader_config.py and
Jupyter configuration (jupyter-config/) and a landing page course/index.ipynb
for that week (tools/course_index.py), and bundle.json, the sha256 of every
file as released, which `lab.py --update` reads.

No solutions, no hidden tests, no instructor tools: source/, solutions/,
tests/, tools/ and grader/ are left out. The bundle is refused if a file in it
carries solution or hidden-test markers, or if a lecture in it imports an
nnkit module it does not hold.
"""

import argparse
import ast
import hashlib
import json
import sys
import time
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from grader import plan as course_plan  # noqa: E402
from tools.course_index import index_notebook  # noqa: E402

ALWAYS = ["pyproject.toml", "LICENSE", "docs/conventions.md", "docs/glossary.md", "nnkit/digits_split.npz"]
RENAMED = {"tools/lab.py": "lab.py", "tools/student_nbgrader_config.py": "nbgrader_config.py",
           "requirements-student.txt": "requirements.txt"}
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
TOP = "nn-first-principles"
MANIFEST = "bundle.json"


def nnkit_imports(path):
    """The nnkit modules a notebook's code cells import (import nnkit.x, from nnkit import x, from nnkit.x import y)."""
    found = set()
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        code = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("nnkit.")}
            elif isinstance(node, ast.ImportFrom) and node.module == "nnkit":
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nnkit."):
                found.add(node.module.split(".")[1])
    return found


def files(stage):
    """(path, name in the zip) of everything students hold at this stage."""
    for lecture in stage.lectures:
        yield lecture, lecture.relative_to(ROOT)
    for aid in stage.assignments:
        folder = ROOT / "assignments" / aid
        if not (folder / f"{aid}.ipynb").exists():
            sys.exit(f"assignments/{aid}/{aid}.ipynb is missing: run `make assignments` first")
        for p in sorted(folder.rglob("*")):
            if p.is_file() and not {"__pycache__", ".ipynb_checkpoints"} & set(p.parts):
                yield p, p.relative_to(ROOT)
    for module in stage.nnkit_modules:
        yield ROOT / "nnkit" / f"{module}.py", Path("nnkit") / f"{module}.py"
    for name in ALWAYS:
        yield ROOT / name, Path(name)
    for path in sorted((ROOT / "project").rglob("*")):         # the project's templates and report site
        if path.is_file():
            yield path, path.relative_to(ROOT)
    for name, renamed in RENAMED.items():
        yield ROOT / name, Path(renamed)
    config = ROOT / "tools" / "student-jupyter-config"
    for path in sorted(config.rglob("*.json")):
        yield path, Path("jupyter-config") / path.relative_to(config)


def readme(stage, plan):
    """The student README, with the units, lectures and assignments this bundle holds."""
    text = (ROOT / "docs" / "student-README.md").read_text()
    lines = ["", "## In this bundle", ""]
    titles = {u["folder"]: u["title"] for u in plan.units}
    for week in plan.weeks[:stage.week]:
        aid = week["assignment"]
        lectures = ", ".join(f"`{name}`" for _, name in plan.lectures(week))
        role = plan.grading.role(aid)
        lines.append(f"- Week {plan.weeks.index(week) + 1}, {titles[week['unit']]}: lectures {lectures}; "
                     f"assignment `{aid}`, due at the end of week {week['due']}" + (f" ({role})." if role else "."))
    return text + "\n".join(lines) + "\n"


BUILT = time.gmtime()[:6]           # the release's date: the files show when they were released


def entry(name, mode):
    info = zipfile.ZipInfo(f"{TOP}/{name}", date_time=BUILT)
    info.external_attr = mode << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default="dist/student-bundle.zip")
    ap.add_argument("--until", help="the assignment whose week the bundle is for (default: the last)")
    args = ap.parse_args()
    plan = course_plan.load()
    stage = plan.stage(args.until or plan.weeks[-1]["assignment"])
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)                    # a refused bundle leaves no earlier one looking current
    notebooks = stage.lectures + [ROOT / "assignments" / a / f"{a}.ipynb" for a in stage.assignments]
    for notebook in notebooks:
        missing = nnkit_imports(notebook) - set(stage.nnkit_modules) if notebook.exists() else set()
        if missing:
            sys.exit(f"Refusing to bundle week {stage.week}: {notebook.relative_to(ROOT)} imports nnkit."
                     f"{', nnkit.'.join(sorted(missing))}, which students do not hold until the assignments it "
                     f"answers are due (plan.toml [nnkit]).")
    contents = [(rel, path.read_bytes()) for path, rel in files(stage)]
    contents += [(Path("README.md"), readme(stage, plan).encode()),
                 (Path("course/index.ipynb"), (nbformat.writes(index_notebook(plan, stage.week)) + "\n").encode())]
    for rel, data in contents:
        leaked = [m for m in MARKERS if m.encode() in data]
        if leaked:
            sys.exit(f"Refusing to bundle {rel}: it contains {leaked}. Regenerate with `make assignments`.")
    # What this release holds, for `lab.py --update`: a file a student changed is never overwritten.
    manifest = {"week": stage.week, "files": {str(rel): hashlib.sha256(data).hexdigest() for rel, data in contents}}
    contents.append((Path(MANIFEST), (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()))
    written, folders = 0, set()
    with zipfile.ZipFile(out, "w") as z:
        for rel, data in contents:
            for parent in reversed(rel.parents[:-1]):
                if parent not in folders:
                    folders.add(parent)
                    z.writestr(entry(f"{parent}/", 0o40755), b"")
            z.writestr(entry(rel, 0o100644), data)
            written += 1
    print(f"Wrote {out}: week {stage.week} of the plan, {len(stage.lectures)} lectures, "
          f"{len(stage.assignments)} assignment{'s' if len(stage.assignments) != 1 else ''}, "
          f"nnkit modules {', '.join(m for m in stage.nnkit_modules if not m.startswith('_'))}; {written} files")


if __name__ == "__main__":
    main()

"""Build the course as a static website (make site): build/site/index.html.

    .venv/bin/python tools/site.py [--out build/site]

Only what students may read is staged (build/site-src/): the lectures of course/ with their
committed outputs, the released assignments/ (no solutions, no hidden tests) and the
student-facing pages of docs/; then Sphinx with MyST-NB and the book theme (site/conf.py) renders
them without executing anything. The navigation follows plan.toml: one section per unit, then the
assignments, then the reference pages. Prints the warnings Sphinx gave, and exits 1 on an error.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from grader import plan as course_plan  # noqa: E402

DOCS = ["student-README", "conventions", "glossary", "objectives"]     # docs/authoring.md is for authors
INTRO = """Neural networks built from scratch with numpy: neurons and backpropagation by hand, then
automatic differentiation, training and regularization, with a gradient check for every
derivative. These pages are the course's lecture notebooks as they are committed, with their
outputs and figures, the assignments as students receive them, and the course's reference pages.
To run the lectures and do the assignments, open the course in JupyterLab (the repository's
README says how: `make lab`)."""


def toctree(caption, entries):
    return "\n".join(["```{toctree}", f":caption: {caption}", ":maxdepth: 1", "", *entries, "```", ""])


def index(plan):
    """The site's home page (MyST): the course plan's units, lectures and assignments, in teaching order."""
    parts = ["# Neural Networks from First Principles", "", INTRO, ""]
    lectures = {}
    for week in plan.weeks:
        for folder, name in plan.lectures(week):
            lectures.setdefault(folder, []).append(f"course/{folder}/{name}")
    for unit in plan.units:
        parts.append(toctree(unit["title"], lectures.get(unit["folder"], [])))
    parts.append(toctree("Assignments", [f"assignments/{w['assignment']}/{w['assignment']}" for w in plan.weeks]))
    parts.append(toctree("Reference", [f"docs/{d}" for d in DOCS]))
    return "\n".join(parts)


def stage(dest):
    """Copy what the site may show into dest, and write its index.md; return dest."""
    shutil.rmtree(dest, ignore_errors=True)
    plan = course_plan.load()
    for week in plan.weeks:
        for folder, name in plan.lectures(week):
            target = dest / "course" / folder / f"{name}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / "course" / folder / f"{name}.ipynb", target)
        aid = week["assignment"]
        target = dest / "assignments" / aid / f"{aid}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "assignments" / aid / f"{aid}.ipynb", target)
    (dest / "docs").mkdir(parents=True)
    for doc in DOCS:
        shutil.copy2(ROOT / "docs" / f"{doc}.md", dest / "docs" / f"{doc}.md")
    for name in ("conf.py", "mathml.py"):
        shutil.copy2(ROOT / "site" / name, dest / name)
    (dest / "index.md").write_text(index(plan))
    return dest


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "build" / "site"))
    args = ap.parse_args()
    out = Path(args.out)
    src = stage(out.with_name(out.name + "-src"))
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
                          capture_output=True, text=True)
    warnings = [line for line in proc.stderr.splitlines() if "WARNING" in line]
    for line in warnings:
        print(line.replace(str(src) + "/", ""))
    if proc.returncode != 0:
        sys.exit(f"Sphinx failed:\n{proc.stderr[-3000:]}")
    print(f"Wrote {out}/index.html ({len(list(out.rglob('*.html')))} pages, {len(warnings)} warning(s)); "
          f"open it in a browser, offline too.")


if __name__ == "__main__":
    main()

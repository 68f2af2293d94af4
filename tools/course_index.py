"""Write course/index.ipynb, the landing page JupyterLab opens on, from plan.toml.

    .venv/bin/python tools/course_index.py          (also run by `make assignments`)

It lists the units with their lectures, the assignments with the week each is
released and due, and how to work. The student bundle writes the same page
for its own week (tools/student_bundle.py), listing only what it holds.
"""

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from grader import plan as course_plan  # noqa: E402
from grader.lab_form import KERNELSPEC, LANGUAGE_INFO  # noqa: E402

HOW_TO_WORK = """## How to work

1. **Read the lectures in order.** Each one runs top to bottom in a few seconds: use
   *Run → Run All Cells*, then read, change a number, run again. The exercises at the
   end of each lecture are not graded.
2. **Do the week's assignment.** Open it from the table below. Its first cell says what
   is graded, how many points each function carries and what passing takes (90 % of the
   points). Write your code where it says `# YOUR CODE HERE`, and run the visible test
   under each answer: a failing test says what it expected, what it got and where to look.
3. **Before you submit**, use *Kernel → Restart Kernel and Run All Cells*, then the
   **Validate** button in the notebook's toolbar: it names every failing test cell with its
   message. Hidden tests run when your notebook is graded; below the pass mark it is
   marked *needs revision*, and you fix it and submit it again under the same name.

The course's conventions (the step function at 0, the constants of the losses, the
relative error, how gradients accumulate) are on one page,
[docs/conventions.md](../docs/conventions.md); every term of the course is defined in one line in
[docs/glossary.md](../docs/glossary.md)."""


def _title(path):
    """The first markdown heading of a notebook, without its '#' marks."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def index_notebook(plan, week=None):
    """The landing page for the students of `week` (default: the whole plan)."""
    weeks = plan.weeks[:week] if week else plan.weeks
    titles = {u["folder"]: u["title"] for u in plan.units}
    units, assignments = [], []
    for number, w in enumerate(weeks, start=1):
        for folder, name in plan.lectures(w):
            path = Path(folder) / f"{name}.ipynb"
            units.append((folder, f"- [{_title(ROOT / 'course' / path)}]({path.as_posix()}) (week {number})"))
        aid = w["assignment"]
        release = ROOT / "assignments" / aid / f"{aid}.ipynb"
        title = _title(release) if release.exists() else aid
        counts = plan.grading.role(aid) or "counts"
        assignments.append(f"| {number} | [{title}](../assignments/{aid}/{aid}.ipynb) | end of week {w['due']} | {counts} |")
    lectures = []
    for folder in dict.fromkeys(u for u, _ in units):
        lectures += ["", f"### {titles[folder]}", ""] + [line for u, line in units if u == folder]
    scope = f"weeks 1 to {len(weeks)}" if week else f"all {len(weeks)} weeks"
    cells = [
        "# Neural Networks from First Principles\n\n"
        "Neural networks built from scratch with numpy: neurons and backpropagation by hand, "
        "then automatic differentiation, with a gradient check for every derivative. "
        f"This page lists what the course has released ({scope} of the plan).",
        HOW_TO_WORK,
        "## Units and lectures\n" + "\n".join(lectures),
        f"## Assignments\n\nAn assignment passes at {round(100 * plan.grading.pass_fraction)} % of its points. "
        f"The {plan.grading.total} marked *counts* make the grade; an advanced one, passed, stands in for one it "
        "names that is not passed.\n\n"
        "| week | assignment | due | in the grade |\n|---:|---|---|---|\n" + "\n".join(assignments),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text) for text in cells])
    for i, cell in enumerate(nb.cells):
        cell.id = f"index-{i}"
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO}    # as Lab saves it
    return nb


def main():
    out = ROOT / "course" / "index.ipynb"
    nbformat.write(index_notebook(course_plan.load()), out)
    print(f"Wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""An assignment as nbgrader marks it up: the one place that reads what a cell is.

- `meta(cell)`: a cell's nbgrader metadata ({} for an ordinary cell);
- `is_answer(cell)`: a cell students write (nbgrader's solution cell);
- `is_test(cell)`: a test cell, graded and not a solution (visible or hidden);
- `is_hidden(cell)`: a test cell with hidden tests in it;
- `is_written(cell)`: a written question's answer, a markdown answer cell a TA
  grades (its source holds the model answer and the rubric: grader/rubrics.py);
- `hidden_of(cells, item)`: the grade_ids of the hidden test cells of an item
  (`hidden_<item>_<what>`, after its visible `test_<item>`);
- `ids(root)`: the assignments of a course, the folders of source/ that hold a
  notebook of their own name (source/aNN-name/aNN-name.ipynb).
"""

from pathlib import Path

BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"


def meta(cell):
    """A cell's nbgrader metadata ({} for an ordinary cell)."""
    return cell.get("metadata", {}).get("nbgrader", {})


def is_answer(cell):
    return bool(meta(cell).get("solution"))


def is_test(cell):
    return bool(meta(cell).get("grade")) and not meta(cell).get("solution")


def is_hidden(cell):
    return is_test(cell) and BEGIN_HIDDEN in cell.get("source", "")


def is_written(cell):
    return cell.get("cell_type") == "markdown" and is_answer(cell) and bool(meta(cell).get("grade"))


def hidden_of(cells, item):
    """[grade_id] of item's hidden test cells, in notebook order."""
    return [meta(c)["grade_id"] for c in cells if is_hidden(c) and meta(c).get("grade_id", "").startswith(f"hidden_{item}_")]


def ids(root):
    """The assignment ids of the course at root, sorted."""
    return sorted(p.name for p in (Path(root) / "source").iterdir() if (p / f"{p.name}.ipynb").exists())

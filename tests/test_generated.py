"""assignments/ and solutions/ are what nbgrader generates from source/."""

import json
import re

import nbformat
import pytest

from quality import coursekit

AIDS = coursekit.assignment_ids()
NO_EXECUTE = """
c.GenerateSolution.preprocessors = [
    "nbgrader.preprocessors.IncludeHeaderFooter", "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearOutput", "nbgrader.preprocessors.ClearMarkScheme"]
"""


def cells(path):
    nb = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source, json.dumps(c.metadata, sort_keys=True)) for c in nb.cells]


@pytest.fixture(scope="module")
def generated_solutions(course):
    with open(course / "nbgrader_config.py", "a") as f:
        f.write(NO_EXECUTE)
    coursekit.generate(course, AIDS, "solution")
    return course


@pytest.mark.parametrize("aid", AIDS)
def test_assignments_match_source(course, aid):
    committed = coursekit.ROOT / "assignments" / aid / f"{aid}.ipynb"
    assert committed.exists(), f"{committed} is missing: run `make assignments`"
    assert cells(committed) == cells(course / "assignments" / aid / f"{aid}.ipynb"), \
        f"{committed} is out of date with source/{aid}: run `make assignments`"


@pytest.mark.parametrize("aid", AIDS)
def test_solutions_match_source(generated_solutions, aid):
    committed = coursekit.ROOT / "solutions" / aid / f"{aid}.ipynb"
    assert committed.exists(), f"{committed} is missing: run `make solutions`"
    assert cells(committed) == cells(generated_solutions / "solutions" / aid / f"{aid}.ipynb"), \
        f"{committed} is out of date with source/{aid}: run `make solutions`"


@pytest.mark.parametrize("aid", AIDS)
def test_release_holds_no_solution_and_no_hidden_test(aid):
    text = (coursekit.ROOT / "assignments" / aid / f"{aid}.ipynb").read_text()
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in text, f"assignments/{aid} contains '{marker}'"


@pytest.mark.parametrize("aid", AIDS)
def test_source_is_committed_without_outputs(aid):
    nb = nbformat.read(coursekit.ROOT / "source" / aid / f"{aid}.ipynb", as_version=4)
    with_outputs = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.outputs]
    assert not with_outputs, f"source/{aid}: cells {with_outputs} carry outputs; clear them before committing"


def test_course_index_matches_the_plan():
    from tools.course_index import index_notebook
    from grader import plan
    committed = coursekit.ROOT / "course" / "index.ipynb"
    assert committed.exists() and nbformat.read(committed, as_version=4) == index_notebook(plan.load()), \
        "course/index.ipynb is out of date with plan.toml: run `make assignments`"
    text = "\n".join(c.source for c in nbformat.read(committed, as_version=4).cells if c.cell_type == "markdown")
    links = re.findall(r"\]\(([^)#]+)", text)
    assert "../docs/conventions.md" in links, "the landing page names docs/conventions.md without a link to it"
    for link in links:                  # every relative link points at a file students hold
        assert "://" in link or (committed.parent / link).resolve().exists(), f"the landing page links to {link}"
    rule = plan.load().grading          # each row says whether the assignment counts (plan.toml [grading])
    for aid in rule.counts + rule.advanced:
        row = next(line for line in text.splitlines() if f"/{aid}.ipynb)" in line)
        assert row.endswith(f"| {rule.role(aid) or 'counts'} |"), row


@pytest.mark.parametrize("aid", AIDS)
def test_the_headers_table_of_points_is_the_notebooks(aid):
    """Each assignment's header tells students what is graded and for how many points: its table
    says that its test columns are points (they were read as counts of tests), and its totals are
    the notebook's."""
    import re

    from grader.assignment import is_written

    nb = nbformat.read(f"source/{aid}/{aid}.ipynb", as_version=4)
    header = nb.cells[0].source
    assert "| visible tests (points) | hidden tests (points) |" in header, \
        f"{aid}: the header's table does not say that its test columns are points"
    points = {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"]) for c in nb.cells
              if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")}
    visible = sum(p for gid, p in points.items() if not gid.startswith("hidden_"))
    hidden = sum(p for gid, p in points.items() if gid.startswith("hidden_"))
    total = re.search(r"^\| \*\*total\*\* \|(?: \|)? \*\*([\d.]+)\*\* \| \*\*([\d.]+)\*\* \|", header, re.M)
    assert total, f"{aid}: no total row in the header's table"
    assert (float(total[1]), float(total[2])) == (visible, hidden), \
        f"{aid}: the table's totals {total[1]} and {total[2]} are not the notebook's {visible:g} and {hidden:g}"
    written = sum(float(c.metadata["nbgrader"]["points"]) for c in nb.cells if is_written(c))
    worth = visible + hidden + written
    assert f"**{worth:g} points**" in header or f"of {worth:g} points" in header, \
        f"{aid}: the header does not say the assignment is worth {worth:g} points"
    assert not written or re.search(rf"{written:g} (for|from) the\s+written question", header), \
        f"{aid}: the header does not count the written question"

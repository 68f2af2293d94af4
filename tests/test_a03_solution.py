"""The a03-mlp solution reaches at least 95 % test accuracy on the digits (issue: a few seconds of training)."""

import nbformat

from quality import coursekit


def test_a03_solution_reaches_95_percent(capsys):
    nb = nbformat.read(coursekit.ROOT / "solutions" / "a03-mlp" / "a03-mlp.ipynb", as_version=4)
    ns = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and not cell.source.lstrip().startswith("%"):
            exec(compile(cell.source, f"a03 cell {cell.metadata.get('nbgrader', {}).get('grade_id', '')}", "exec"), ns)
    assert "accuracy" in ns, "the a03 demo cell no longer defines `accuracy`"
    with capsys.disabled():
        print(f"\na03 solution: test accuracy {100 * ns['accuracy']:.1f} % after {ns['seconds']:.2f} s of training")
    assert ns["accuracy"] >= 0.95

"""Reading a lecture notebook's committed outputs, for the unit tests of worked numbers
(tests/test_numbers_*.py): its text outputs, and the checks every lecture must pass."""

import json
import re
from pathlib import Path

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _join(text):
    return text if isinstance(text, str) else "".join(text)


def cell_text(cell):
    """The stored text outputs of one code cell (streams and text/plain results)."""
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(_join(out["text"]))
        elif out["output_type"] in ("execute_result", "display_data"):
            parts.append(_join(out.get("data", {}).get("text/plain", "")))
    return "".join(parts)


def text_of(path):
    """The text outputs of every code cell of the notebook at path, one cell per line block."""
    return "\n".join(cell_text(c) for c in load(path)["cells"] if c["cell_type"] == "code")


def check_executed_and_clean(path):
    """Executed, no errors, no addresses, timings tagged, %matplotlib inline, title, summary, exercises."""
    name, nb = Path(path).name, load(path)
    assert nb["metadata"].get("kernelspec") == KERNELSPEC
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for i, cell in enumerate(cells):
        assert cell.get("execution_count") is not None, f"{name}: code cell {i} was not executed"
        assert not any(o["output_type"] == "error" for o in cell.get("outputs", [])), f"{name}: cell {i} raised"
        text = cell_text(cell)
        assert not re.search(r" at 0x[0-9a-f]+", text), f"{name}: cell {i} prints a memory address"
        if re.search(r"\d ms\b", text):
            tags = cell.get("metadata", {}).get("tags", [])
            assert "nbval-ignore-output" in tags, f"{name}: cell {i} prints timings but is not tagged nbval-ignore-output"
    if any("plt.show()" in _join(c["source"]) for c in cells):
        assert _join(cells[0]["source"]).startswith("%matplotlib inline"), (
            f"{name}: draws figures, so its first code cell must start with %matplotlib inline "
            f"(make test runs with MPLBACKEND=Agg, which would otherwise drop the figures)")
    sources = [_join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    assert sources[0].startswith("# "), f"{name}: first cell should be the title"
    assert "What you will learn" in sources[0], f"{name}: the title cell has no 'What you will learn'"
    for heading in ("## Summary", "## Exercises"):
        assert any(re.search(f"^{heading}$", s, re.M) for s in sources), f"{name}: no {heading!r} heading"


def check_widget_still(path):
    """The notebook's one interactive figure carries a still PNG beside the widget, and its state is saved."""
    nb = load(path)
    bundles = [o["data"] for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
               if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(bundles) == 1 and "image/png" in bundles[0], "the interactive figure needs a still image beside the widget"
    assert "widgets" in nb["metadata"], "the widget's state is saved with the notebook"

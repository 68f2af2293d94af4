"""Feedback: what nbgrader_config.py plugs into `nbgrader generate_feedback`."""

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.DOTALL)
PLACEHOLDER = "# (They ran when your notebook was graded: the verdict is below.)"


class HideHiddenTests(Preprocessor):
    """In feedback, drop hidden tests from cell sources and from tracebacks.

    A failed hidden test keeps its error type and message, which the course's
    checks write to say what was wrong and where to look; the traceback, which
    would quote the test's code, is replaced by that one line.
    """

    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and "### BEGIN HIDDEN TESTS" in cell.source:
            cell.source = HIDDEN.sub(PLACEHOLDER, cell.source)
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        return cell, resources

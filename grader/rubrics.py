"""The written questions' model answers and rubrics, shown to TAs in the Formgrader.

A written question is a markdown answer cell that a TA grades (nbgrader's manually graded
answer). Its source cell in source/<aid>/<aid>.ipynb holds the model answer and the rubric;
nbgrader replaces it in the students' release, so students never hold it. nbgrader_config.py
plugs `Rubrics` into the Formgrader's exporter: on a submission's page, under each written
answer, the TA reads the source's text. Feedback pages never get it: the preprocessor acts only
for the Formgrader's submission view (its resources carry a submission_id), and feedback's
exporter is configured without it.
"""

from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from .assignment import is_written, meta

HEADING = "**For the TA: the model answer and the rubric** (from `source/`; students do not see this)"


def rubrics(source_path):
    """{grade_id: the source's text} of the written questions (graded markdown answer cells) of a source notebook."""
    nb = nbformat.read(source_path, as_version=4)
    return {meta(c)["grade_id"]: c.source for c in nb.cells if is_written(c)}


class Rubrics(Preprocessor):
    """Insert, after each written answer of a submission, a cell with its model answer and rubric."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        if "submission_id" not in resources:          # only the Formgrader's submission view
            return nb, resources
        folder = Path(resources.get("metadata", {}).get("path", ""))   # autograded/<student>/<assignment>
        source = folder.parents[2] / "source" / resources["assignment_id"] / f"{resources['notebook_id']}.ipynb" \
            if len(folder.parents) > 2 else None
        if source is None or not source.exists():
            return nb, resources
        texts = rubrics(source)
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            gid = meta(cell).get("grade_id")
            if cell.cell_type == "markdown" and gid in texts:
                cells.append(nbformat.v4.new_markdown_cell(f"{HEADING}\n\n{texts[gid]}"))
        nb.cells = cells
        return nb, resources

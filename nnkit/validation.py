"""What Validate shows for a failed test cell: its name, then its message in full.

nbgrader's Validator prints the whole source of every failed test cell before
its error, and cuts every line at 90 characters, so the expected and actual
values a student needs are lost, or sit far below. `name_failed_test` is a hook
of nbgrader's Execute (nbclient's `on_cell_error`, set in
nbgrader_config.py) that rewrites each failed, untouched test cell as

    source: "test cell test_dense (2 points)"
    error:  "AssertionError: <the message, hint included>", wrapped to fit

for the Validate button in JupyterLab and for `nbgrader validate` alike. A test
cell the student edited keeps its source, so nbgrader's "changed" warning still
shows it. An error that is not an assertion keeps the end of its traceback,
which points into the student's own code. Only Validate runs test cells with
Execute: grading runs them in the judge, and solutions have no failing cells.
"""

import textwrap

from nbconvert.filters import strip_ansi
from nbgrader import utils

WIDTH = 80                 # nbgrader's Validator cuts lines at 87 characters, its indent included
TRACEBACK_LINES = 12


def name_failed_test(cell, **_):
    """Replace a failed test cell's source by its name, and its error by the message alone."""
    errors = [out for out in cell.get("outputs", []) if out.output_type == "error"]
    if cell.cell_type != "code" or not utils.is_grade(cell) or not errors:
        return
    meta = cell.metadata.nbgrader
    if meta.get("checksum") != utils.compute_checksum(cell):
        return
    error = errors[-1]
    if error.ename == "AssertionError":
        lines = f"{error.ename}: {error.evalue}".splitlines()
    else:
        lines = [strip_ansi(line) for line in "\n".join(error.traceback).splitlines()][-TRACEBACK_LINES:]
    error.traceback = [_wrap(line) for line in lines]
    points = float(meta.get("points", 0))
    cell.source = f"test cell {meta['grade_id']} ({points:g} point{'' if points == 1 else 's'})"
    meta["checksum"] = utils.compute_checksum(cell)


def _wrap(line):
    indent = line[:len(line) - len(line.lstrip())]
    return "\n".join(textwrap.wrap(line, WIDTH, subsequent_indent=indent + "  ", break_on_hyphens=False)) or line

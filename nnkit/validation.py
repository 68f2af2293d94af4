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

A function still to write says so ("neuron_forward is not written yet"),
instead of a traceback that ends in `NotImplementedError:`.

`apply_grading_policy` (nbclient's `on_cell_execute`) gives Validate the
grader's policy: an answer cell that imports what answers may not use
(`nnkit.grading.forbidden_imports`, the rule the grader flags by) makes the
first test cell that calls its functions fail with what the grader will do,
so Validate never says "Success!" for a notebook the grader flags.

`local_kernel` reaches Validate's kernel over a unix socket instead of TCP, so
that no "Kernel is running over TCP without encryption" warning follows every
notebook a student validates.
"""

import atexit
import contextlib
import glob
import os
import re
import tempfile
import textwrap

from nbconvert.filters import strip_ansi
from nbgrader import utils

from .grading import forbidden_imports

# Seconds a cell may run, in Validate and when graded (grader/judge.py's SandboxedJudge.timeout).
CELL_TIMEOUT = 60
WIDTH = 80                 # nbgrader's Validator cuts lines at 87 characters, its indent included
TRACEBACK_LINES = 12


def name_failed_test(cell, cell_index=None, **_):
    """Replace a failed test cell's source by its name, and its error by the message alone."""
    if cell_index in _policy["swapped"]:                 # see apply_grading_policy
        cell.source = _policy["swapped"].pop(cell_index)
    errors = [out for out in cell.get("outputs", []) if out.output_type == "error"]
    if cell.cell_type != "code" or not utils.is_grade(cell) or not errors:
        return
    meta = cell.metadata.nbgrader
    if meta.get("checksum") != utils.compute_checksum(cell):
        return
    error = errors[-1]
    if error.ename == "AssertionError":
        lines = f"{error.ename}: {error.evalue}".splitlines()
    elif error.ename == "NotImplementedError":
        frames = re.findall(r"in (\w+)\(?", strip_ansi("\n".join(error.traceback)))
        name = frames[-1] if frames else "a function this test calls"
        lines = [f"{name} is not written yet: replace `raise NotImplementedError()` in its answer cell with "
                 f"your code, run that cell, then this test."]
    else:
        lines = [strip_ansi(line) for line in "\n".join(error.traceback).splitlines()][-TRACEBACK_LINES:]
    error.traceback = [_wrap(line) for line in lines]
    points = float(meta.get("points", 0))
    cell.source = f"test cell {meta['grade_id']} ({points:g} point{'' if points == 1 else 's'})"
    meta["checksum"] = utils.compute_checksum(cell)


def _wrap(line):
    indent = line[:len(line) - len(line.lstrip())]
    return "\n".join(textwrap.wrap(line, WIDTH, subsequent_indent=indent + "  ", break_on_hyphens=False)) or line


_policy = {"index": -1, "flagged": {}, "swapped": {}}


def apply_grading_policy(cell, cell_index, **_):
    """Before each cell runs: note the functions of answer cells that import what answers may not use;
    the first test cell that calls one of them runs `raise AssertionError(what the grader will do)`
    instead, and name_failed_test puts its source back."""
    if cell_index <= _policy["index"]:                  # a new run
        _policy["flagged"], _policy["swapped"] = {}, {}
    _policy["index"] = cell_index
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if meta.get("solution"):
        bad = forbidden_imports(cell.source) if cell.get("cell_type") == "code" else []    # not a written answer
        for name in _defined(cell.source) if bad else []:
            _policy["flagged"][name] = (meta.get("grade_id", "an answer cell"), bad)
        return
    if not utils.is_grade(cell):
        return
    for name, (gid, bad) in list(_policy["flagged"].items()):
        if re.search(rf"\b{re.escape(name)}\b", cell.source):
            del _policy["flagged"][name]
            message = (f"answer cell {gid} uses {', '.join(bad)}, which answers may not: the grader will flag this "
                       f"notebook for review, and the hidden tests of {name} will score 0. Write {name} from "
                       f"scratch with numpy (remove that import), then run its tests again.")
            _policy["swapped"][cell_index] = cell.source
            cell.source = f"raise AssertionError({message!r})"
            return


def _defined(source):
    import ast
    try:
        return [n.name for n in ast.parse(source).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    except SyntaxError:
        return []


def local_kernel(c):
    """Set config c so that Validate's kernel listens on unix sockets, not TCP, where there are any.

    The sockets are named by an absolute path in the temp folder (nbclient starts the kernel in
    the notebook's folder, so a relative name would not be found by the client), one per user and
    process. jupyter_client removes the sockets of a kernel it shuts down, not those of one that
    died (os._exit, a memory bomb): what is left is removed when the process exits.
    Windows keeps TCP.
    """
    if os.name == "posix":
        c.KernelManager.transport = "ipc"
        c.KernelManager.ip = os.path.join(tempfile.gettempdir(), f"nbgrader-kernel-{os.getuid()}-{os.getpid()}")
        atexit.register(_remove_sockets, c.KernelManager.ip)


def _remove_sockets(prefix):
    for path in glob.glob(glob.escape(prefix) + "-*"):
        with contextlib.suppress(OSError):
            os.remove(path)

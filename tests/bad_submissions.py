"""A catalog of bad submissions, each with the outcome grading must give.

Every entry turns a correct student notebook into a bad one (or writes a
bad file). `expect` says what the grader must report:
  status  "graded" or "ungraded"
  score   "full" (all points), "less" (some points lost) or None (ungraded)
  reason  a phrase of the ungraded reason
  flag    a phrase that must appear among the flags (None: no flag needed)
"""

import ast
import json

import nbformat


def _meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def answer_cells(nb):
    return [c for c in nb.cells if _meta(c).get("solution")]


def visible_tests(nb):
    return [c for c in nb.cells if _meta(c).get("grade") and not _meta(c).get("solution")
            and _meta(c).get("grade_id", "").startswith("test_")]


def first_function(nb):
    """Name of the first function an answer cell defines."""
    for cell in answer_cells(nb):
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.FunctionDef):
                return node.name
    raise ValueError("no answer cell defines a function")


def append(code):
    """Add code at the end of the first answer cell."""
    def change(nb):
        answer_cells(nb)[0].source += "\n\n" + code
        return nb
    return change


def redefine(body):
    """Redefine the first graded function with this body (it takes any arguments)."""
    def change(nb):
        name = first_function(nb)
        indented = "\n".join("    " + line for line in body.splitlines())
        answer_cells(nb)[0].source += f"\n\n\ndef {name}(*args, **kwargs):\n{indented}"
        return nb
    return change


def both(*changes):
    def change(nb):
        for c in changes:
            nb = c(nb)
        return nb
    return change


def delete_first_test(nb):
    nb.cells.remove(visible_tests(nb)[0])
    return nb


def edit_first_test(nb):
    visible_tests(nb)[0].source = "print('all tests passed')"
    return nb


def tag_first_test(nb):
    visible_tests(nb)[0].metadata["tags"] = ["skip-execution", "raises-exception"]
    return nb


def strip_test_metadata(nb):
    for cell in nb.cells:
        if _meta(cell).get("grade") and not _meta(cell).get("solution"):
            cell.metadata = {}
    return nb


def tests_first(nb):
    """Move every test cell before the answers."""
    tests = [c for c in nb.cells if _meta(c).get("grade") and not _meta(c).get("solution")]
    rest = [c for c in nb.cells if c not in tests]
    nb.cells = rest[:2] + tests + rest[2:]
    return nb


WRONG = "return None"

CATALOG = {
    "infinite-loop": (redefine("while True:\n    pass"),
                      dict(status="graded", score="less", flag=None)),
    "ignores-interrupt": (redefine("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"),
                          dict(status="ungraded", reason="ignored the interrupt")),
    "os-exit": (append("import os\nos._exit(3)"),
                dict(status="ungraded", reason="kernel died")),
    "memory-bomb": (append("hoard = []\nwhile True:\n    hoard.append(bytearray(10**8))"),
                    dict(status="graded", score="full", flag=None)),
    "fork-bomb": (append("import os\nfor _ in range(64):\n    try:\n        os.fork()\n    except OSError:\n        pass"),
                  dict(status="graded", score="full", flag="tried to start a process")),
    "leftover-process": (append("import subprocess\ntry:\n    subprocess.Popen(['sleep', '600'])\nexcept OSError:\n    pass"),
                         dict(status="graded", score="full", flag="tried to start a process")),
    "output-flood": (append("for _ in range(200000):\n    print('spam ' * 40)"),
                     dict(status="graded", score="full", flag="printed more than")),
    "warning-on-stderr": (append("import sys, warnings\nwarnings.warn('a harmless warning')\n"
                                 "print('progress', file=sys.stderr)"),
                          dict(status="graded", score="full", flag=None)),
    "deleted-test-cell": (delete_first_test, dict(status="graded", score="full", flag="was deleted")),
    "edited-test-cell": (both(redefine(WRONG), edit_first_test),
                         dict(status="graded", score="less", flag="was edited")),
    "retagged-test-cell": (both(redefine(WRONG), tag_first_test),
                           dict(status="graded", score="less", flag="carries tags")),
    "stripped-test-metadata": (strip_test_metadata,
                               dict(status="graded", score="full", flag="nbgrader metadata removed")),
    "reordered-cells": (tests_first, dict(status="graded", score=None, flag="reordered")),
    "shadowed-names": (both(redefine(WRONG), append(
        "class Anything:\n    def __getattr__(self, name):\n        return lambda *a, **k: True\n"
        "grading = Anything()\nnp = Anything()\nlen = lambda x: 0\nisinstance = lambda *a: True")),
        dict(status="graded", score="less", flag="rebound")),
    "monkeypatched-checks": (both(redefine(WRONG), append(
        "import builtins\nimport nnkit.grading\nfor _n in dir(nnkit.grading):\n"
        "    if _n.startswith('check') or _n.startswith('assert'):\n"
        "        setattr(nnkit.grading, _n, lambda *a, **k: None)\n"
        "np.allclose = lambda *a, **k: True\nnp.isclose = lambda a, b, **k: np.ones(np.shape(b), bool)\n"
        "builtins.all = lambda *a: True\nbuiltins.AssertionError = Warning")),
        dict(status="graded", score="less", flag="monkeypatch")),
    "reads-hidden-tests": (append("try:\n    open('../../../source/README').read()\nexcept OSError:\n    pass\n"
                                  "import glob\nfor _p in glob.glob('../../../source/*/*.ipynb'):\n"
                                  "    try:\n        open(_p).read()\n    except OSError:\n        pass"),
                           dict(status="graded", score="full", flag="tried to read")),
    "writes-outside": (append("try:\n    open('../../../submitted/solution/overwritten.txt', 'w').write('x')\n"
                              "except OSError:\n    pass"),
                       dict(status="graded", score="full", flag="tried to write")),
    "delegates-to-autograd": (append("from autograd import grad"),
                              dict(status="graded", score="full", flag="imports autograd.grad")),
}

FILES = {
    "empty-file": (b"", "", dict(status="ungraded", reason="empty file")),
    "not-json": (b"{\"cells\": [", "", dict(status="ungraded", reason="not a valid notebook")),
    "not-a-notebook": (b"\x89PNG\r\n\x1a\n\x00\x00", "", dict(status="ungraded", reason="not a valid notebook")),
    "json-but-not-a-notebook": (json.dumps({"answer": 42}).encode(), "",
                                dict(status="ungraded", reason="not a valid notebook")),
    "misnamed-notebook": (None, "my-homework.ipynb", dict(status="ungraded", reason="notebook missing")),
}


def build(course, aid, good, submit):
    """Submit every catalog entry as student bad-<name>; return {student: expect}."""
    expected = {}
    for name, (change, expect) in CATALOG.items():
        submit(course, f"bad-{name}", aid, change(nbformat.from_dict(good)))
        expected[f"bad-{name}"] = expect
    for name, (data, filename, expect) in FILES.items():
        folder = course / "submitted" / f"bad-{name}" / aid
        folder.mkdir(parents=True)
        if data is None:
            nbformat.write(good, folder / filename)
        else:
            (folder / (filename or f"{aid}.ipynb")).write_bytes(data)
        expected[f"bad-{name}"] = expect
    return expected

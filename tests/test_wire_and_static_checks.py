"""Unit tests of grader/rpc.py's framing and decoder (malformed frames included) and of
grader/static_checks.py, and that runner.py and rpc.py import on their own, as the sandbox needs."""

import json
import os
import socket
import struct
import subprocess
import sys
import threading

import nbformat
import numpy as np
import pytest

from grader import plan, rpc, static_checks
from quality.coursekit import ROOT


@pytest.fixture
def pair():
    a, b = socket.socketpair()
    ends = [rpc.Connection(s, proxy=lambda conn, key: ("proxy", key), handler=None) for s in (a, b)]
    yield ends
    a.close()
    b.close()


def raw(conn, payload, length=None):
    """Send bytes as one frame, with a length that may lie, from a thread (a large frame fills the socket)."""
    frame = struct.pack(">I", len(payload) if length is None else length) + payload
    sender = threading.Thread(target=conn.sock.sendall, args=(frame,), daemon=True)
    sender.start()
    return sender


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, "text", b"\x00\xffbytes", 1 + 2j, (1, "a", None), [1, [2, [3]]],
    {"a": 1, 2: "b", (3, 4): [5.0]}, np.arange(6.0).reshape(2, 3), np.array([True, False]),
    np.zeros((0, 3), dtype=np.int32), np.float32(1.5), np.int64(-7), np.complex128(1 - 1j)])
def test_data_crosses_the_wire_unchanged(pair, value):
    a, b = pair
    a.send({"v": a.encode(value)})
    got = b.decode(b.receive()["v"])
    if isinstance(value, (np.ndarray, np.generic)):
        assert type(got) is type(value) and got.dtype == value.dtype and np.array_equal(got, value)
    else:
        assert got == value and type(got) is type(value)


def test_an_object_crosses_as_a_handle_and_comes_back_as_itself(pair):
    a, b = pair
    obj = object()
    a.send({"v": a.encode(obj)})
    handle = b.receive()["v"]
    assert handle == {"H": 1} and b.decode(handle) == ("proxy", 1)
    assert a.decode({"R": 1}) is obj


@pytest.mark.parametrize("payload, length, error, message", [
    (b"{}", rpc.MAX_MESSAGE + 1, rpc.ProtocolError, "over the limit"),
    (b"not json", None, rpc.ProtocolError, "not JSON"),
    (b"[1, 2]", None, rpc.ProtocolError, "not a JSON object"),
    (b"\xff\xfe", None, rpc.ProtocolError, "not JSON"),
    (b"[" * 100_000, None, rpc.ProtocolError, "not JSON"),
])
def test_a_malformed_frame_is_a_protocol_error(pair, payload, length, error, message):
    a, b = pair
    raw(a, payload, length)
    with pytest.raises(error, match=message):
        b.receive()


def test_a_frame_cut_short_is_a_closed_connection(pair):
    a, b = pair
    raw(a, b'{"v": 1}', length=100).join()
    a.sock.close()
    with pytest.raises(rpc.Closed):
        b.receive()


def test_a_frame_with_too_many_objects_is_refused(pair):
    a, b = pair
    raw(a, json.dumps({"v": [{}] * (rpc.MAX_OBJECTS + 1)}).encode())
    with pytest.raises(rpc.LimitError, match="more than"):
        b.receive()


@pytest.mark.parametrize("value, message", [
    ({"A": ["|O", [1], "AAAAAAAAAAA="]}, "not numeric"),
    ({"A": ["<f8", [2], "AAAAAAAAAAA="]}, "does not match its shape"),
    ({"A": ["<f8", [-1], ""]}, "shape is malformed"),
    ({"A": ["<f8", [2 ** 62, 4], ""]}, "does not match its shape"),      # 2**64 entries: int64 would wrap to 0
    ({"A": ["no such dtype", [1], ""]}, "dtype"),
    ({"A": ["<c32", [1], "A" * 44]}, "not numeric"),
    ({"B": "***"}, "not base64"),
    ({"B": 5}, "not base64 text"),
    ({"C": [1.0]}, "protocol's form"),
    ({"D": [[1, 2, 3]]}, "not a pair"),
    ({"D": [[[1], 2]]}, "not hashable"),
    ({"P": 0}, "pointer to no argument"),
    ({"R": 99}, "no object 99"),
    ({"H": "1"}, "not an integer"),
    ({"N": 5}, "not a string"),
    ({"Z": 1}, "unknown value tag"),
    ({"T": [1], "D": []}, "protocol's form"),
    ({"T": 5}, "protocol's form"),
])
def test_the_decoder_refuses_what_is_not_in_the_protocol(pair, value, message):
    with pytest.raises(rpc.ProtocolError, match=message):
        pair[0].decode(value)


def test_the_decoder_refuses_a_value_nested_too_deeply(pair):
    value = 0
    for _ in range(rpc.MAX_DEPTH + 2):
        value = [value]
    with pytest.raises(rpc.ProtocolError, match="nested too deeply"):
        pair[0].decode(value)


def test_runner_and_rpc_import_on_their_own():
    """In the sandbox the kernel holds runner.py and rpc.py alone, as top-level modules: neither may import
    the grader package or anything beyond the standard library, numpy and IPython."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import rpc, runner; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('grader', 'nbgrader', 'nnkit')))")
    out = subprocess.run([sys.executable, "-I", "-c", code, str(ROOT / "grader")], capture_output=True, text=True,
                         cwd="/", env={"PATH": os.environ["PATH"]})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", out.stdout


# ---- static checks ---------------------------------------------------------------

def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    for gid, source, meta in cells:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {"grade_id": gid, **meta}
        nb.cells.append(cell)
    return nb


ANSWER = {"solution": True, "grade": False}
TEST = {"solution": False, "grade": True, "points": 1}
CELLS = [("a01.ipynb", "f", "code", "def f(x):\n    return x", False),
         ("a01.ipynb", "test_f", "code", "assert f(1) == 1", True)]


def submit(folder, nb, aid="a01"):
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{aid}.ipynb")
    return folder


@pytest.mark.parametrize("source, names", [
    ("def f(x):\n    y = 1\n    return y\nclass K:\n    pass\na = b = 2\nc.d = 3\n", ["f", "K", "a", "b"]),
    ("async def g():\n    pass\n", ["g"]),
    ("def broken(:\n", []),
])
def test_defined_names(source, names):
    assert static_checks.defined_names(source) == names


def test_an_untouched_submission_has_no_flags(tmp_path):
    folder = submit(tmp_path / "s", notebook(("f", "def f(x):\n    return x", ANSWER), ("test_f", "assert f(1) == 1", TEST)))
    assert static_checks.precheck(folder, "a01") is None
    assert static_checks.static_flags(folder, "a01", CELLS) == []


@pytest.mark.parametrize("cells, flag", [
    ([("f", "def f(x):\n    return x", ANSWER)], "test cell test_f was deleted"),
    ([("f", "def f(x):\n    return x", ANSWER), ("test_f", "pass", TEST)], "test cell test_f was edited"),
    ([("test_f", "assert f(1) == 1", TEST), ("f", "def f(x):\n    return x", ANSWER)], "reordered"),
    ([("f", "import autograd\ndef f(x):\n    return x", ANSWER), ("test_f", "assert f(1) == 1", TEST)],
     "answer cell f uses autograd"),
])
def test_static_flags_name_what_changed(tmp_path, cells, flag):
    folder = submit(tmp_path / "s", notebook(*cells))
    assert any(flag in f for f in static_checks.static_flags(folder, "a01", CELLS)), \
        static_checks.static_flags(folder, "a01", CELLS)


def test_delegations_name_what_an_answer_cell_imports():
    nb = notebook(("f", "from autograd import numpy as anp\ndef f(x):\n    return anp.sum(x)\nK = 1", ANSWER),
                  ("g", "import numpy as np\ndef g(x):\n    return np.sum(x)", ANSWER),
                  ("h", "from nnkit.layers import affine_forward as h", ANSWER),
                  ("test_f", "import autograd\ndef helper():\n    pass", TEST))
    assert static_checks.delegations(nb.cells) == {"f": "autograd.numpy (its answer cell uses it)",
                                                   "K": "autograd.numpy (its answer cell uses it)"}


def test_precheck_says_why_a_folder_cannot_be_graded(tmp_path):
    good = notebook(("f", "def f(x):\n    return x", ANSWER))
    linked = submit(tmp_path / "linked", good)
    (linked / "data.txt").symlink_to("/etc/passwd")
    assert "data.txt is a symbolic link" in static_checks.precheck(linked, "a01")
    misnamed = submit(tmp_path / "misnamed", good, aid="homework")
    assert "expected a01.ipynb, found homework.ipynb" in static_checks.precheck(misnamed, "a01")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a01.ipynb").write_text('{"secret": "root:x:0:0"}')
    reason = static_checks.precheck(broken, "a01")
    assert "not a valid notebook" in reason and "root" not in reason
    deep = tmp_path / "deep"
    (deep / ("d/" * (static_checks.MAX_DEPTH + 1))).mkdir(parents=True)
    assert "folders deep" in static_checks.precheck(deep, "a01")


def test_the_assignment_model_reads_cells_and_courses(tmp_path):
    from grader import assignment

    nb = notebook(("f", "def f(x):\n    return x", ANSWER), ("test_f", "assert f(1) == 1", TEST),
                  ("hidden_f_core", "# f\n### BEGIN HIDDEN TESTS\nassert f(2) == 2", TEST),
                  ("hidden_ff_core", "### BEGIN HIDDEN TESTS\nassert ff(2) == 2", TEST))
    answer, visible, hidden, other = nb.cells
    assert assignment.is_answer(answer) and not assignment.is_test(answer)
    assert assignment.is_test(visible) and not assignment.is_hidden(visible)
    assert assignment.is_hidden(hidden) and assignment.meta(nbformat.v4.new_markdown_cell("x")) == {}
    assert assignment.hidden_of(nb.cells, "f") == ["hidden_f_core"]          # not hidden_ff_core
    (tmp_path / "source" / "a01-x").mkdir(parents=True)
    (tmp_path / "source" / "a01-x" / "a01-x.ipynb").write_text("{}")
    (tmp_path / "source" / "notes").mkdir()
    assert assignment.ids(tmp_path) == ["a01-x"]
    assert len(assignment.ids(ROOT)) == len(plan.load().weeks)


def test_a_report_the_judge_never_finished_reads_as_empty(tmp_path):
    from grader.judge import Report

    Report(flags=["tried to start a process"], timeouts=["test_f"], judge_mb=170).write(tmp_path / "whole.json")
    assert Report.read(tmp_path / "whole.json").flags == ["tried to start a process"]
    (tmp_path / "cut.json").write_text('{"flags": ["tried')
    assert Report.read(tmp_path / "cut.json") == Report() == Report.read(tmp_path / "missing.json")

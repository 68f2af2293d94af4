"""What a kernel can make the judge or the machine spend, measured on one sandboxed kernel.

Each test starts a kernel (grader/sandbox.py) and talks to it as the judge does
(grader/judge.py's Session), so that every bound is seen where it holds: the
sizes of the kernel's writable places, the memory a callback may allocate in
the judge, the objects and values a reply may carry, the class names of errors.
"""

import os
import shutil
import socket
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from grader import rpc, sandbox
from grader.judge import SandboxedJudge, Session, data_mb
from grader.proxy import StudentError

ROOT = Path(__file__).resolve().parents[1]
needs_bwrap = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")


@pytest.fixture
def kernel(tmp_path):
    """A started kernel in the sandbox, with its session; everything is removed after, also on failure."""
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "data.txt").write_text("a file the student handed in\n")
    (tmp_path / "submission" / "a01.ipynb").write_text('{"cells": ["### BEGIN HIDDEN TESTS"]}')
    box = sandbox.Sandbox(tmp_path / "submission", tmp_path / "scratch", SandboxedJudge(memory_mb=1024).limits())
    session = Session(box, timeout=60, grace=5, callback_mb=256)
    session.begin_cell()

    def run(code):
        result = session.request("exec", code, "cell", 100_000)
        assert result["error"] is None, result
        return result["stdout"]

    yield session, run
    box.close()
    sandbox.remove_tree(tmp_path / "scratch")


@needs_bwrap
def test_every_writable_place_has_a_size_and_no_notebook_is_there(kernel):
    session, run = kernel
    run("import os\n"
        "def fill(path):\n"
        "    written = 0\n"
        "    try:\n"
        "        with open(path, 'wb') as f:\n"
        "            for _ in range(300):\n"
        "                f.write(bytes(2 ** 20))\n"
        "                written += 1\n"
        "    except OSError:\n"
        "        pass\n"
        "    return written\n"
        "def sizes():\n"
        "    return {p: fill(p + '/fill') for p in ('/submission', '/tmp', '/dev/shm', '/dev', '/', '/usr')}\n")
    written = session.name("sizes")()
    limits = SandboxedJudge().limits()
    assert written["/submission"] <= limits.tmp_mb and written["/tmp"] <= limits.tmp_mb, written
    assert written["/dev/shm"] <= limits.shm_mb, written
    assert written["/dev"] == written["/"] == written["/usr"] == 0, written
    assert "a01.ipynb" not in run("import os\nprint(os.listdir('.'))"), "a notebook reached the sandbox"
    assert "a file the student handed in" in run("print(open('data.txt').read())")


@needs_bwrap
def test_a_callback_may_not_make_the_judge_allocate_much(kernel):
    """Student code calls a test's function with arrays that broadcast to 3.2 GB: it fails there, not here."""
    session, run = kernel
    run("import numpy as np\n"
        "def use(f):\n"
        "    return f(np.ones((1, 20000)), np.ones((20000, 1)))\n")
    before = data_mb()
    with pytest.raises(StudentError) as caught:
        session.name("use")(lambda a, b: a + b)
    assert "MemoryError" in str(caught.value) or "allocate" in str(caught.value)
    assert data_mb() < before + 64
    assert session.name("use")(lambda a, b: float(a.sum() + b.sum())) == 40000.0


@needs_bwrap
def test_objects_values_dtypes_and_error_names_are_bounded(kernel):
    session, run = kernel
    run("import numpy as np\n"
        "def objects(n):\n    return [object() for _ in range(n)]\n"
        "def long_double():\n    return np.ones(1000, dtype=np.clongdouble)\n"
        "def plain():\n    return np.ones(3)\n"
        "def strange():\n    raise type('E' * 1_000_000, (Exception,), {})('boom')\n")
    with pytest.raises(TypeError):
        np.asarray(session.name("long_double")())
    with pytest.raises(StudentError) as caught:
        session.name("strange")()
    assert len(type(caught.value).__name__) <= 100
    with pytest.raises(rpc.LimitError):
        session.name("objects")(rpc.MAX_OBJECTS + 10)            # one reply of too many parts
    assert np.asarray(session.name("plain")()).tolist() == [1.0, 1.0, 1.0]   # the conversation goes on
    for _ in range(rpc.MAX_HANDLES // 50_000 - 1):
        session.name("objects")(50_000)
    with pytest.raises(rpc.LimitError):
        session.name("objects")(60_000)                           # too many proxies in all
    assert np.asarray(session.name("plain")()).tolist() == [1.0, 1.0, 1.0]


def test_malformed_frames_are_protocol_errors():
    """The decoder refuses what is not a message of the protocol, before it costs memory."""
    for frame in (struct.pack(">I", rpc.MAX_MESSAGE + 1),
                  struct.pack(">I", 5) + b"{nope",
                  struct.pack(">I", 2) + b"[]",
                  struct.pack(">I", 35) + b'{"ok": {"A": ["<c32", [1], "AAAA"]}}'):
        ours, theirs = socket.socketpair()
        conn = rpc.Connection(ours, lambda c, k: k, lambda *a: None)
        theirs.sendall(frame)
        theirs.close()
        with pytest.raises(rpc.ProtocolError):
            message = conn.receive()
            conn.decode(message["ok"])
        ours.close()


def test_runner_and_rpc_run_on_their_own(tmp_path):
    """runner.py and rpc.py are all the grader code the sandbox has: they need nothing of the package."""
    for name in ("runner.py", "rpc.py"):
        shutil.copy(ROOT / "grader" / name, tmp_path / name)
    code = "import sys; sys.path.insert(0, '.'); import rpc, runner; print(sorted(m for m in sys.modules if m.startswith('grader')))"
    out = subprocess.run([sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stderr


def test_a_deep_tree_is_removed(tmp_path):
    """rm, not a recursive walk: a tree 3000 folders deep (beyond PATH_MAX) goes."""
    top = tmp_path / "scratch"
    top.mkdir()
    here = os.open(top, os.O_RDONLY)
    try:
        for _ in range(3000):
            os.mkdir("d", dir_fd=here)
            deeper = os.open("d", os.O_RDONLY, dir_fd=here)
            os.close(here)
            here = deeper
    finally:
        os.close(here)
    sandbox.remove_tree(top)
    assert not top.exists()

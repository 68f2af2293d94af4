"""A test gives the same verdict in the student's own process and in the sandbox.

Every known case of every assignment (the solution, the release, every buggy
variant, every right answer in another style), graded by the judge in the
session's course, is run again with tests and answers in one process
(quality/parity.py) and must score the same, cell by cell. The wire's semantics
are checked one by one on a sandboxed kernel: containers changed in place,
identity, numpy's error state, warnings as errors, exceptions in callbacks.
"""

import shutil
import warnings

import nbformat
import numpy as np
import pytest

from grader import coordinator, rpc, sandbox
from quality import coursekit, parity
from grader.judge import SandboxedJudge, Session

needs_bwrap = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")


def test_every_known_case_scores_the_same_in_one_process_and_in_the_sandbox(course, graded):
    lines = parity.differences(course, coursekit.assignment_ids(), jobs=2)
    assert not lines, "\n".join(lines)


@pytest.fixture
def kernel(tmp_path):
    box = sandbox.Sandbox(tmp_path, tmp_path / "scratch", SandboxedJudge(memory_mb=1024).limits())
    session = Session(box, timeout=60, grace=5, callback_mb=256)
    session.begin_cell()
    result = session.request("exec", (
        "import numpy as np, warnings\n"
        "def step(state):\n    state['v'] = state.get('v', 0) + 1\n    state.pop('old', None)\n    return state\n"
        "def grow(xs):\n    xs.append(len(xs))\n"
        "def same(x):\n    return x\n"
        "def copy(x):\n    return dict(x)\n"
        "def divide(a, b):\n    return a / b\n"
        "def warn():\n    warnings.warn('careful', RuntimeWarning)\n    return 1\n"
        "def catches(f):\n    try:\n        f()\n    except ValueError as e:\n        return 'caught ' + str(e)\n"), "cell", 10_000)
    assert result["error"] is None, result
    yield session
    box.close()
    sandbox.remove_tree(tmp_path / "scratch")


@needs_bwrap
def test_containers_changed_in_place_are_changed_here(kernel):
    state = {"old": 1, "keep": np.zeros(2)}
    keep = state["keep"]
    out = kernel.name("step")(state)
    assert state == {"keep": keep, "v": 1} and state["keep"] is keep
    assert out is state                                   # the result is the argument itself
    xs = [0]
    kernel.name("grow")(xs)
    assert xs == [0, 1]
    d = {"a": 1}
    assert kernel.name("same")(d) is d and kernel.name("copy")(d) is not d


@needs_bwrap
def test_the_tests_error_state_warnings_and_exceptions_cross(kernel):
    assert np.isinf(kernel.name("divide")(np.ones(1), np.zeros(1))).all()
    with np.errstate(divide="raise"):
        with pytest.raises(FloatingPointError):
            kernel.name("divide")(np.ones(1), np.zeros(1))
    assert kernel.name("warn")() == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RuntimeWarning):
            kernel.name("warn")()

    def fails():
        raise ValueError("from the test")
    assert kernel.name("catches")(fails) == "caught from the test"


def test_a_planted_disagreement_is_found(tmp_path, monkeypatch):
    """With the wire as it was (dicts not copied back), a state changed in place passes the judge
    and fails in one process: the parity check names the assignment, the case and the cell."""
    aid = "a08-optimizers"
    course = coursekit.make_course(tmp_path / "course", [aid])
    good = coursekit.student_answer(*(nbformat.read(course / d / aid / f"{aid}.ipynb", as_version=4)
                                      for d in ("source", "assignments")))
    variant = coursekit.BUGGY / aid / "momentum-state-dict-changed.py"
    coursekit.submit(course, "in-place", aid, coursekit.apply_variant(good, coursekit.load_variant(variant)[2]))
    arrays_only = rpc._copy_back

    def old_copy_back(sent, index, value):
        if isinstance(sent[index], np.ndarray):
            arrays_only(sent, index, value)
    monkeypatch.setattr(rpc, "_copy_back", old_copy_back)
    config = coordinator.load_config(course)
    coordinator.api(course, config).autograde(aid, "in-place", force=True, create=True)
    lines = parity.differences(course, [aid], jobs=1)
    assert lines and all(line.startswith(f"{aid} / in-place / ") for line in lines), lines
    assert any("test_momentum" in line or "hidden_momentum" in line for line in lines), lines

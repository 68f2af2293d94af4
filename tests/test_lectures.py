"""Every lecture notebook of every unit is committed executed and clean (tests/lecture_outputs.py)."""

import pytest

import lecture_outputs
from quality import coursekit

LECTURES = sorted((coursekit.ROOT / "course").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", LECTURES, ids=[f"{p.parent.name}/{p.name}" for p in LECTURES])
def test_lecture_is_executed_and_clean(path):
    lecture_outputs.check_executed_and_clean(path)

"""Hidden tests are measured, not hoped: for every graded item, they kill at least
95 % of the mutants of its solution that are not listed as equivalent
(quality/mutation.py; `make mutation` prints the scores and the survivors)."""

import json

import pytest

from quality import coursekit, mutation

AIDS = coursekit.assignment_ids()
FLOOR = 0.95


@pytest.mark.parametrize("aid", AIDS)
def test_hidden_tests_kill_the_mutants(aid):
    scores = mutation.score(aid, jobs=2, timeout=10)   # a mutant that loops is killed after 10 s
    low = {item: f"{killed}/{n} killed; survivors: {survivors}"
           for item, (killed, n, survivors, _, _) in scores.items() if n and killed / n < FLOOR}
    assert not low, f"{aid}: below {FLOOR:.0%}: {low}"
    unhit = [cell for *_, cells in scores.values() for cell in cells]
    assert not unhit, f"{aid}: hidden cells that no mutant fails (they cannot fail, or test nothing new): {unhit}"


@pytest.mark.parametrize("aid", AIDS)
def test_every_listed_equivalent_mutant_exists(aid):
    """An entry of equivalent.json that names no mutant any more (the solution changed) must go."""
    listed = json.loads(mutation.EQUIVALENT.read_text()).get(aid, {})
    a = mutation.Assignment(aid)
    for item, entries in listed.items():
        made = {d for d, _ in mutation.item_mutants(a, item)}
        assert set(entries) <= made, f"{aid} {item}: stale entries {sorted(set(entries) - made)}"


def test_a_mutant_is_named_by_its_function_and_line_text_not_its_line_number():
    src = ("class Value:\n    def add(self, o):\n        return self.x + o\n"
           "    def radd(self, o):\n        return self.x + o\n"
           "def twice(x):\n    y = x + 1\n    y = x + 1\n    return y\n")
    names = [d for d, _ in mutation.mutants(src)]
    assert "Value.add: Add -> Sub in `return self.x + o`" in names
    assert "Value.radd: Add -> Sub in `return self.x + o`" in names      # the same line in another method
    assert "twice: Add -> Sub in `y = x + 1` (#2)" in names               # the same line twice in one function
    assert len(set(names)) == len(names)
    moved = [d for d, _ in mutation.mutants('"""A docstring\nof two lines."""\n\n' + src)]
    assert moved == names

"""Nothing students hold answers an assignment that is not yet due (quality/transplant.py):
for every stage of the course plan, every function and class of the stage's nnkit modules
and lectures, put in place of each graded answer it fits, fails every hidden cell."""

import pytest

from grader import plan
from quality import transplant

STAGES = plan.load().stages()


@pytest.fixture(scope="module")
def rows():
    return transplant.check(jobs=2)[0]


@pytest.mark.parametrize("stage", STAGES, ids=[s.assignment for s in STAGES])
def test_no_transplant_passes_a_hidden_cell(stage, rows):
    mine = {tuple(s) for s in transplant.sources(stage)}
    tried = [r for r in rows if tuple(r[0]) in mine and r[2] in stage.not_due]
    assert tried, f"week {stage.week}: no transplant was tried"
    passing = [f"{label} as {aid} {name} passes {', '.join(cells)}" for _, label, aid, _, name, cells in tried if cells]
    assert not passing, f"week {stage.week}: students hold answers:\n" + "\n".join(passing)


def test_a_planted_answer_is_caught():
    """The test can fail: a03's solution of predict, placed in a lecture's namespace, passes."""
    a = transplant.Assignment("a03-mlp")
    ns = dict(transplant.base_namespace(a))
    exec(a.answer("predict"), ns)
    planted = ns["predict"]
    assert transplant.fits(planted, "predict", "function", 2)
    prepared = a.prepare(transplant.base_namespace(a), "predict")
    result = transplant.run_all([("x", (planted, [(a, prepared, "predict", "predict")], 60))],
                                transplant._transplant_child, 1, 60)["x"]
    assert result["value"] == [a.hidden("predict")]


def test_a_candidate_that_hangs_in_one_trial_still_runs_the_next():
    """Transplants of one candidate share a child: a trial that runs out of time ends only itself."""
    a = transplant.Assignment("a03-mlp")
    ns = dict(transplant.base_namespace(a))
    exec(a.answer("predict"), ns)
    calls = []

    def predict(*args, **kwargs):
        calls.append(1)
        while len(calls) == 1:
            pass
        return ns["predict"](*args, **kwargs)

    prepared = a.prepare(transplant.base_namespace(a), "predict")
    trial = (a, prepared, "predict", "predict")
    result = transplant.run_all([("x", (predict, [trial, trial], 1))], transplant._transplant_child, 1, 60)["x"]
    assert result["value"] == [[], a.hidden("predict")], result

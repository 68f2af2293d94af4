"""Letter grades by the syllabus's rule (plan.toml [grading] and [project]), from assignments,
milestones.csv and manual grading (tools/grades.py)."""

import sys
from types import SimpleNamespace

import pytest

from grader import plan
from quality.coursekit import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import grades  # noqa: E402

PLAN = plan.load()
RULE, PROJECT = PLAN.grading, PLAN.project
ALL = PROJECT.ids


@pytest.mark.parametrize("passed, done, peer, letter, better", [
    (12, ALL, True, "A", {}),
    (11, ALL, True, "A", {}),
    (10, ALL, True, "B", {"A": ["1 more assignment passed"]}),
    (9, ALL[:11], True, "B", {"A": ["2 more assignments passed", "peer-evaluation-final", "final-project"]}),
    (12, ALL[:11], True, "B", {"A": ["peer-evaluation-final", "final-project"]}),
    (12, [], False, "C", {"A": ALL + ["the peer evaluation"], "B": ALL[:11] + ["the peer evaluation"]}),
    (11, ALL, False, "D/F", {"A": ["the peer evaluation"], "B": ["the peer evaluation"],
                             "C": ["1 more assignment passed"]}),
    (8, ALL[:11], True, "D/F", {"A": ["3 more assignments passed", "peer-evaluation-final", "final-project"],
                                "B": ["1 more assignment passed"], "C": ["4 more assignments passed"]}),
])
def test_the_letter_and_what_each_better_letter_needs(passed, done, peer, letter, better):
    assert RULE.letter(passed, PROJECT, done, peer) == (letter, better)


def submission(score, top, pending=0):
    """A graded submission as nbgrader's gradebook gives it, with `pending` points of written answers to grade."""
    grades = [SimpleNamespace(max_score=pending, needs_manual_grade=True)] if pending else []
    return SimpleNamespace(score=score, max_score=top, notebooks=[SimpleNamespace(grades=grades)])


def test_written_answers_not_yet_graded_await_manual_grading_never_fail():
    assert grades.status(submission(16, 18, pending=2)) == "awaiting manual grading"
    assert grades.status(submission(15, 18, pending=2)) == "awaiting manual grading"     # 17 would pass
    assert grades.status(submission(14, 18, pending=2)) == "needs revision"              # 16 could not
    assert grades.status(submission(17, 18)) == "pass"
    assert grades.status(submission(16, 18)) == "needs revision"


def test_milestones_csv_the_last_verdict_counts(tmp_path):
    (tmp_path / "milestones.csv").write_text(
        "student_id,milestone,status\n"
        "ada,proposal,needs revision\n"
        "ada,proposal,pass\n"
        "ada,peer-evaluation,pass\n"
        "bob,rough-draft,pass\n")
    assert grades.milestones(tmp_path) == {"ada": {"proposal": "pass", "peer-evaluation": "pass"},
                                           "bob": {"rough-draft": "pass"}}
    assert grades.milestones(tmp_path / "nowhere") == {}


@pytest.mark.parametrize("text, says", [
    ("student,milestone,status\nada,proposal,pass\n", "must name the columns student_id,milestone,status"),
    ("student_id,milestone,status\nada,poster,pass\n", "line 2: milestone 'poster' is not in plan.toml [project]"),
    ("student_id,milestone,status\nada,proposal,passed\n", "line 2: status 'passed'; expected 'pass' or"),
    ("student_id,milestone,status\n,proposal,pass\n", "line 2: no student_id"),
])
def test_a_milestones_csv_mistake_names_the_line_and_what_was_expected(tmp_path, text, says):
    (tmp_path / "milestones.csv").write_text(text)
    with pytest.raises(ValueError) as exc:
        grades.milestones(tmp_path)
    assert says in str(exc.value)


def test_the_plan_holds_the_syllabus_thirteen_milestones_in_order():
    assert len(ALL) == 13 and ALL[0] == "proposal" and ALL[10] == "rough-draft" and ALL[-1] == "final-project"
    weeks = [m["week"] for m in PROJECT.milestones]
    assert weeks == sorted(weeks) and weeks[0] == 3 and weeks[10] == 14


def test_the_plan_names_what_counts_and_an_advanced_pass_replaces_a_later_one_not_passed():
    """plan.toml counts a01-a12 (the syllabus grades 12); unit 5's assignments are the advanced track, and a pass in
    one of them stands in for one of a10-a12 not passed, never for an early one, and never for more than 12."""
    counted = [a for a in (w["assignment"] for w in PLAN.weeks) if a in RULE.counts]
    assert RULE.total == len(counted) == 12 and counted[-1] == "a12-batch-normalization"
    assert "a13-convolution" in RULE.advanced and RULE.role("a13-convolution").startswith("advanced track: a pass replaces")
    assert RULE.role("a03-mlp") == ""
    assert RULE.passed(counted) == 12
    assert RULE.passed(counted[:-1] + ["a13-convolution"]) == 12
    assert RULE.passed(counted[1:] + ["a13-convolution"]) == 11
    assert RULE.passed(counted + ["a13-convolution"]) == 12
    rule = plan.Grading(a=3, b=2, counts=["a1", "a2", "a3"], advanced=["x1", "x2"], replaceable=["a3"])
    assert rule.passed(["a1", "x1", "x2"]) == 2


"""The course plan (plan.toml): units, lectures and assignments in teaching order,
and what students hold in each week of it.

    from grader import plan
    stage = plan.load().stage("a02-backprop")
    stage.lectures        # paths of the lectures released so far, in order
    stage.assignments     # ids of the assignments released so far
    stage.not_due         # ids of the released assignments not yet due
    stage.nnkit_modules   # nnkit modules students hold (those that answer nothing open)
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import assignment

ROOT = Path(__file__).resolve().parents[1]
# Jupyter's autosave folder, made beside any notebook opened in Lab: never a notebook of the course.
CHECKPOINTS = ".ipynb_checkpoints"


def notebooks(folder, pattern="*/*.ipynb"):
    """The notebooks under folder matching pattern, sorted, without Jupyter's checkpoints."""
    return sorted(p for p in Path(folder).glob(pattern) if CHECKPOINTS not in p.parts)


@dataclass
class Stage:
    """What students hold at the start of one week of the plan."""
    week: int
    assignment: str
    lectures: list
    assignments: list
    not_due: list            # released or not, in plan order
    nnkit_modules: list


@dataclass
class Project:
    """The project track ([project] in plan.toml): the milestones in order, and the peer evaluation's id."""
    milestones: list             # [{"id", "title", "week"}]
    peer_evaluation: str = "peer-evaluation"

    @property
    def ids(self):
        return [m["id"] for m in self.milestones]


@dataclass
class Grading:
    """The syllabus's rule ([grading] in plan.toml): the pass mark of an assignment, and the letter grades."""
    pass_fraction: float = 0.9
    a: int = 11              # assignments passed for an A (with the peer evaluation and every milestone)
    b: int = 9               # for a B (with the peer evaluation and the first b_milestones); all of them for a C
    b_milestones: int = 11
    counts: tuple = ()       # the assignments that count (the syllabus grades 12); Plan fills in its own
    advanced: tuple = ()     # the others: the advanced track
    replaceable: tuple = ()  # counted assignments that a passed advanced one may stand in for

    @property
    def total(self):
        return len(self.counts)

    def __post_init__(self):
        self.counts, self.advanced, self.replaceable = tuple(self.counts), tuple(self.advanced), tuple(self.replaceable)
        if set(self.replaceable) - set(self.counts) or set(self.counts) & set(self.advanced):
            raise ValueError(f"plan.toml: [grading] replaceable = {list(self.replaceable)} must name assignments of "
                             f"counts = {list(self.counts)}, and no assignment both counts and is advanced")
        if not 0 < self.pass_fraction <= 1:
            raise ValueError(f"plan.toml: [grading] pass_fraction = {self.pass_fraction}: write a fraction of the "
                             f"points, for example 0.9 for 90 %")
        if not 0 < self.b <= self.a <= self.total:
            raise ValueError(f"plan.toml: [grading] a = {self.a}, b = {self.b}: need 0 < b <= a <= {self.total}, "
                             f"the number of assignments in the plan")

    def passed(self, passes):
        """How many assignments count as passed, from the ids of those passed: the counted ones, and each
        advanced one in place of a replaceable one not passed (at most one each)."""
        passes = set(passes)
        missing = [a for a in self.replaceable if a not in passes]
        return len(passes & set(self.counts)) + min(len(passes & set(self.advanced)), len(missing))

    def role(self, aid):
        """What an assignment is for in the grade: "" when it counts, else a sentence for students and TAs."""
        if aid in self.counts:
            return ""
        short = [a.split("-")[0] for a in self.replaceable]
        if not short:
            return "advanced track: does not count toward the grade"
        either = short[0] if len(short) == 1 else ", ".join(short[:-1]) + " or " + short[-1]
        return f"advanced track: a pass replaces {either} if that one is not passed"

    def passes(self, score, max_score):
        return max_score > 0 and score >= self.pass_fraction * max_score - 1e-9

    def status(self, score, max_score, pending=0):
        """"pass", "needs revision" or "awaiting manual grading" for a graded submission.

        pending: the points of written answers a TA has not graded yet. While there are any, the
        submission is awaiting manual grading, never a fail, unless it cannot pass even with all of them.
        """
        if pending and self.passes(score + pending, max_score):
            return "awaiting manual grading"
        return "pass" if self.passes(score, max_score) and not pending else "needs revision"

    def letter(self, passed, project, milestones=(), peer=False):
        """(letter, what each better letter still needs) for one student.

        passed: assignments passed; project: the Project; milestones: ids of the milestones passed;
        peer: whether the peer evaluation passed. The letter is "A", "B", "C" or "D/F".
        """
        order = project.ids
        needs = {
            "A": (self.a, order),
            "B": (self.b, order[:self.b_milestones]),
            "C": (self.total, None),
        }
        missing = {}
        for letter, (count, required) in needs.items():
            gaps = [f"{count - passed} more assignment{'s' if count - passed > 1 else ''} passed"] if passed < count else []
            if required is not None:
                gaps += [m for m in required if m not in milestones]
                gaps += [] if peer else ["the peer evaluation"]
            missing[letter] = gaps
        got = next((letter for letter, gaps in missing.items() if not gaps), "D/F")
        better = list(needs)[:list(needs).index(got)] if got != "D/F" else list(needs)
        return got, {letter: missing[letter] for letter in better}

    def rule(self):
        return (f"A: {self.a} of {self.total} passed, the peer evaluation and every milestone; B: {self.b}, the peer "
                f"evaluation and milestones 1-{self.b_milestones}; C: all {self.total}; otherwise D/F, "
                f"the instructor's decision")


class Plan:
    def __init__(self, data, root=ROOT):
        self.root = Path(root)
        missing = [key for key in ("unit", "week") if key not in data]
        if missing:
            raise ValueError(f"plan.toml: no [[{missing[0]}]] table; the plan needs its units and weeks "
                             f"(see the comments at the top of plan.toml)")
        self.units = data["unit"]
        self.weeks = data["week"]
        self.answers = data.get("nnkit", {})
        aids = [w["assignment"] for w in self.weeks]
        rule = dict(data.get("grading", {}))
        counts = rule.setdefault("counts", aids)
        rule["advanced"] = [a for a in aids if a not in counts]
        self.grading = Grading(**rule)
        self.project = Project(**data.get("project", {"milestones": []}))
        self._check()

    def _check(self):
        """Every lecture and assignment of the repo is in the plan once, and every plan entry exists."""
        planned = [f"{folder}/{name}" for w in self.weeks for folder, name in self.lectures(w)]
        on_disk = sorted(str(p.relative_to(self.root / "course").with_suffix(""))
                         for p in notebooks(self.root / "course"))
        aids = [w["assignment"] for w in self.weeks]
        sources = assignment.ids(self.root)
        problems = []
        if sorted(planned) != on_disk or len(set(planned)) != len(planned):
            problems.append(f"lectures in plan.toml {sorted(planned)} differ from course/: {on_disk}")
        if sorted(aids) != sources or len(set(aids)) != len(aids):
            problems.append(f"assignments in plan.toml {sorted(aids)} differ from source/: {sources}")
        for i, w in enumerate(self.weeks, start=1):
            if w["due"] < i:
                problems.append(f"{w['assignment']} is due in week {w['due']}, before its release in week {i}")
        if set(self.grading.counts) - set(aids):
            problems.append(f"[grading] counts names {sorted(set(self.grading.counts) - set(aids))}: not in the plan")
        ids = self.project.ids
        if len(set(ids)) != len(ids) or self.project.peer_evaluation in ids:
            problems.append(f"[project] milestone ids {ids} repeat, or repeat peer_evaluation")
        if self.grading.b_milestones > len(ids) and ids:
            problems.append(f"[grading] b_milestones = {self.grading.b_milestones}: the project has {len(ids)}")
        for module, answered in self.answers.items():
            if not (self.root / "nnkit" / f"{module}.py").exists() or set(answered) - set(aids):
                problems.append(f"[nnkit] {module} = {answered}: no such module or assignment")
        if problems:
            raise ValueError("plan.toml: " + "; ".join(problems))

    @staticmethod
    def lectures(week):
        """[(unit folder, lecture name)] of one [[week]]: a name is in the week's unit unless it names
        its folder ("00-introduction/01-what-deep-learning-is")."""
        return [tuple(name.split("/", 1)) if "/" in name else (week["unit"], name) for name in week["lectures"]]

    def due_week(self, aid):
        return next(w["due"] for w in self.weeks if w["assignment"] == aid)

    def stages(self):
        return [self.stage(w["assignment"]) for w in self.weeks]

    def stage(self, aid):
        """The stage of the week that releases assignment aid."""
        ids = [w["assignment"] for w in self.weeks]
        if aid not in ids:
            raise ValueError(f"{aid!r} is not in plan.toml; the plan has {ids}")
        week = ids.index(aid) + 1
        released = self.weeks[:week]
        lectures = [self.root / "course" / folder / f"{name}.ipynb" for w in released for folder, name in self.lectures(w)]
        assignments = [w["assignment"] for w in released]
        due = {w["assignment"] for w in self.weeks if w["due"] < week}
        not_due = [a for a in ids if a not in due]
        modules = sorted(p.stem for p in (self.root / "nnkit").glob("*.py")
                         if set(self.answers.get(p.stem, [])) <= due)
        return Stage(week, aid, lectures, assignments, not_due, modules)


def load(path=None):
    path = Path(path or ROOT / "plan.toml")
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"plan.toml is not valid TOML ({exc}): fix that line") from None
    try:
        return Plan(data, path.parent)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"plan.toml: an entry lacks or misnames a field ({type(exc).__name__}: {exc}); every "
                         f"[[week]] has unit, lectures, assignment and due") from None

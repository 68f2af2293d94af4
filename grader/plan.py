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


class Plan:
    def __init__(self, data, root=ROOT):
        self.root = Path(root)
        self.units = data["unit"]
        self.weeks = data["week"]
        self.answers = data.get("nnkit", {})
        self._check()

    def _check(self):
        """Every lecture and assignment of the repo is in the plan once, and every plan entry exists."""
        planned = [f"{w['unit']}/{name}" for w in self.weeks for name in w["lectures"]]
        on_disk = sorted(str(p.relative_to(self.root / "course").with_suffix(""))
                         for p in notebooks(self.root / "course"))
        aids = [w["assignment"] for w in self.weeks]
        sources = sorted(p.name for p in (self.root / "source").iterdir() if (p / f"{p.name}.ipynb").exists())
        problems = []
        if sorted(planned) != on_disk or len(set(planned)) != len(planned):
            problems.append(f"lectures in plan.toml {sorted(planned)} differ from course/: {on_disk}")
        if sorted(aids) != sources or len(set(aids)) != len(aids):
            problems.append(f"assignments in plan.toml {sorted(aids)} differ from source/: {sources}")
        for i, w in enumerate(self.weeks, start=1):
            if w["due"] < i:
                problems.append(f"{w['assignment']} is due in week {w['due']}, before its release in week {i}")
        for module, answered in self.answers.items():
            if not (self.root / "nnkit" / f"{module}.py").exists() or set(answered) - set(aids):
                problems.append(f"[nnkit] {module} = {answered}: no such module or assignment")
        if problems:
            raise ValueError("plan.toml: " + "; ".join(problems))

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
        lectures = [self.root / "course" / w["unit"] / f"{name}.ipynb" for w in released for name in w["lectures"]]
        assignments = [w["assignment"] for w in released]
        due = {w["assignment"] for w in self.weeks if w["due"] < week}
        not_due = [a for a in ids if a not in due]
        modules = sorted(p.stem for p in (self.root / "nnkit").glob("*.py")
                         if set(self.answers.get(p.stem, [])) <= due)
        return Stage(week, aid, lectures, assignments, not_due, modules)


def load(path=None):
    path = Path(path or ROOT / "plan.toml")
    return Plan(tomllib.loads(path.read_text()), path.parent)

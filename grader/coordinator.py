"""Grade a class in parallel over nbgrader's own autograde.

Every submission in submitted/<student>/<assignment>/ is graded by
`NbGraderAPI.autograde` in a forked process of its own (nbgrader is
imported once), `jobs` at a time (LocalPool), or as a task on a Dask
cluster (grader/cluster.py's DaskPool). nbgrader_config.py makes that autograde
run the student's code in a sandbox and decide the tests in the judge
(grader/judge.py), so this is the same path as `nbgrader autograde`, only
parallel, bounded in time, and recorded in the ledger (grader/ledger.py).

The coordinator survives what a submission does: a job is a process of its
own, killed with everything it started when it ends or runs out of time;
an "in progress" entry is written before each job; source/ and the
gradebook's cell definitions are hashed before the run and after every
job, and a change stops the run; submitted/ is only read.
"""

import ctypes
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import nbformat.validator
import psutil
from nbgrader.api import Assignment, GradeCell, Notebook, SourceCell
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

from . import assignment, gradebook, lab_form, ledger, plan, sandbox
from .judge import Report, SandboxedJudge
from .processes import kill_tree
from .static_checks import precheck, source_cells, static_flags


class CourseChanged(Exception):
    """source/ or the gradebook's cells changed while grading."""


def load_config(root, **limits):
    """nbgrader_config.py of the course at root, with SandboxedJudge's limits set for this run.

    limits: SandboxedJudge trait names (timeout, memory_mb, ...) -> values; None leaves one as configured.
    """
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.db_url = gradebook.url(root)
    unknown = set(limits) - set(SandboxedJudge.class_trait_names(config=True))
    if unknown:
        raise TypeError(f"not a limit of grader.judge.SandboxedJudge: {sorted(unknown)}")
    for key, value in limits.items():
        if value is not None:
            setattr(config.SandboxedJudge, key, value)
    return config


def api(root, config):
    return NbGraderAPI(CourseDirectory(config=config, root=str(root)), config=config)


def source_hash(root, aid):
    return hashlib.sha256((Path(root) / "source" / aid / f"{aid}.ipynb").read_bytes()).hexdigest()


def course_state(root, db_url):
    """A hash of source/ and of the cells the gradebook grades with."""
    h = hashlib.sha256()
    for p in sorted((Path(root) / "source").rglob("*")):
        if plan.CHECKPOINTS not in p.parts:              # Lab's autosaves of a source an instructor has open
            h.update(str(p).encode() + (p.read_bytes() if p.is_file() else b""))
    with gradebook.opened(db_url) as gb:                  # one query per kind of cell: this runs after every job
        for row in gb.db.query(Assignment.name, Notebook.name, SourceCell.name, SourceCell.locked,
                               SourceCell.checksum, SourceCell.source).join(Notebook.assignment) \
                .join(SourceCell, SourceCell.notebook_id == Notebook.id).order_by(Assignment.name, Notebook.name,
                                                                                   SourceCell.name):
            h.update("/".join(map(str, row[:5])).encode() + b"\0" + (row[5] or "").encode())
        for row in gb.db.query(Assignment.name, Notebook.name, GradeCell.name, GradeCell.max_score) \
                .join(Notebook.assignment).join(GradeCell, GradeCell.notebook_id == Notebook.id) \
                .order_by(Assignment.name, Notebook.name, GradeCell.name):
            h.update("/".join(map(str, row)).encode())
    return h.hexdigest()


def ensure_generated(root, config, aids):
    """Generate an assignment the gradebook does not know, or whose source changed since it was graded."""
    with gradebook.opened(config.CourseDirectory.db_url) as gb:
        known = {a.name for a in gb.assignments if a.notebooks}
    for aid in aids:
        stamp = ledger.path(root, aid).with_suffix(".source")
        current = source_hash(root, aid)
        if aid in known and stamp.exists() and stamp.read_text() == current:
            continue
        if aid in known and stamp.exists():
            print(f"source/{aid} changed since it was last graded: updating the gradebook and regrading")
        result = api(root, config).generate_assignment(aid, force=True)
        if not result["success"]:
            sys.exit(f"Could not generate {aid} from source/: {result.get('error') or result.get('log')}")
        lab_form.write([Path(root) / "assignments" / aid / f"{aid}.ipynb"])   # as committed: git stays clean
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current)


# ---- one submission, in a forked process -------------------------------------

def _set_subreaper():
    """Orphaned descendants become our children, so that none escapes the cleanup."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def grade_one(root, config, aid, sid, workdir):
    """Body of the forked process: nbgrader's autograde for one submission."""
    os.setsid()
    _set_subreaper()
    tempfile.tempdir = str(workdir)                   # the judge's scratch folder: removed by the coordinator too
    log = os.open(Path(workdir) / "grader.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log, 1)
    os.dup2(log, 2)
    config.SandboxedJudge.report_file = str(Path(workdir) / "report.json")
    result = api(root, config).autograde(aid, sid, force=True, create=True)
    Path(workdir, "result.json").write_text(json.dumps({k: result.get(k) for k in ("success", "error", "log")}))
    os._exit(0)


def failure_reason(result, exitcode):
    """The real cause of a failed autograde, from nbgrader's log (never its generic last line)."""
    if result is None:
        return f"the grading process died (exit code {exitcode})"
    text = f"{result.get('log') or ''}\n{result.get('error') or ''}"
    causes = [line.strip() for line in text.splitlines()
              if line.strip() and ":" in line and line.strip().split(":")[0].split(".")[-1].endswith(("Error", "Exception"))
              and "Please see" not in line]
    return "nbgrader could not grade it: " + (causes[-1][:300] if causes else "no reason in nbgrader's log")


# ---- the coordinator ---------------------------------------------------------

@dataclass
class Submission:
    """One submission to grade: submitted/<sid>/<aid>/ (folder), with its fingerprint for the ledger."""
    aid: str
    sid: str
    folder: Path
    fingerprint: str


@dataclass
class Outcome:
    """How grading one submission ended, wherever it ran: nbgrader's result, the judge's report."""
    result: dict | None          # {"success", "error", "log"} of nbgrader's autograde, None if it never finished
    report: Report
    exitcode: int | None
    timed_out: bool
    seconds: float
    lost: bool = False           # the machinery failed, not the submission: graded again by the next run


def outcome(workdir, exitcode, timed_out, started):
    """The Outcome a grading process left in its scratch folder."""
    result_file = Path(workdir) / "result.json"
    try:
        result = json.loads(result_file.read_text())
    except (OSError, ValueError):
        result = None
    return Outcome(result, Report.read(Path(workdir) / "report.json"), exitcode, timed_out and result is None,
                   round(time.time() - started, 2))


class LocalPool:
    """The default: each submission graded in a forked process of this machine."""

    def __init__(self, config, run):
        self.limits, self.run = SandboxedJudge(config=config), run
        self.scratch = Path(tempfile.mkdtemp(prefix="autograde-"))
        self.ctx = multiprocessing.get_context("fork")
        self.jobs = {}                                    # pid -> (process, scratch folder, start time)

    def workers(self):
        return os.cpu_count() or 1

    def start(self, root, config, sub):
        workdir = self.scratch / f"{sub.aid}--{sub.sid}"
        workdir.mkdir()
        proc = self.ctx.Process(target=grade_one, args=(root, config, sub.aid, sub.sid, workdir))
        proc.start()
        self.jobs[proc.pid] = (proc, workdir, time.time())
        return proc.pid

    def finished(self):
        """[(pid, Outcome)] of the jobs that ended (or ran out of time) since the last call."""
        time.sleep(0.1)
        done = []
        for pid, (proc, workdir, started) in list(self.jobs.items()):
            timed_out = time.time() - started > self.limits.submission_timeout
            if proc.is_alive() and not timed_out:
                continue
            kill_tree(pid)
            proc.join()
            sandbox.remove_cgroups(f"{self.run}-{pid}-")
            del self.jobs[pid]
            done.append((pid, outcome(workdir, proc.exitcode, timed_out, started)))
            sandbox.remove_tree(workdir)
        if done:                                          # orphans re-parented to us, when a job ended
            for child in psutil.Process().children():
                if child.pid not in self.jobs:
                    kill_tree(child.pid)
        return done

    def close(self):
        for pid in self.jobs:
            kill_tree(pid)
        for child in psutil.Process().children():       # orphans re-parented to us
            kill_tree(child.pid)
        sandbox.remove_cgroups(f"{self.run}-")
        sandbox.remove_tree(self.scratch)


class Coordinator:
    def __init__(self, root, config, jobs, force=False, quiet=False):
        self.root, self.config, self.jobs = Path(root), config, max(1, jobs)
        self.force, self.quiet = force, quiet
        self.limits = SandboxedJudge(config=config)       # the limits of this run, as the judges will read them
        self.mode = self.limits.sandbox
        self.counts = {"graded": 0, "ungraded": 0, "flagged": 0}
        self.done, self.limits_shown, self.graded_seconds = 0, False, []
        self.ledgers, self.cells, self.first_answer, self.t0 = {}, {}, {}, time.time()

    def plan(self, aids):
        """[Submission] to grade, and how many were skipped as unchanged; also loads the ledgers and cells."""
        self.ledgers = {aid: ledger.load(self.root, aid) for aid in aids}
        with gradebook.opened(self.config.CourseDirectory.db_url) as gb:
            self.cells = {aid: source_cells(gb, aid) for aid in aids}
            answers = {aid: {c.name for nb in gb.find_assignment(aid).notebooks for c in nb.solution_cells}
                       for aid in aids}
        self.first_answer = {aid: next((c[1] for c in self.cells[aid] if c[1] in answers[aid]), None) for aid in aids}
        todo, skipped = [], 0
        for aid in aids:
            for folder in sorted((self.root / "submitted").glob(f"*/{aid}")):
                sid = folder.parent.name
                fp = f"{ledger.fingerprint(folder)}:{source_hash(self.root, aid)[:16]}:{self.mode}"
                entry = self.ledgers[aid].get(sid)
                if entry and entry.get("fingerprint") == fp and not self.force:
                    skipped += 1
                    continue
                todo.append(Submission(aid, sid, folder, fp))
        return todo, skipped

    def record(self, sub, entry, total):
        aid, sid = sub.aid, sub.sid
        entry.update(fingerprint=sub.fingerprint, sandbox=self.mode)
        self.ledgers[aid][sid] = entry
        ledger.save(self.root, aid, self.ledgers[aid])
        with gradebook.opened(self.config.CourseDirectory.db_url) as gb:
            ledger.to_gradebook(gb, aid, sid, entry, self.first_answer[aid])
        self.done += 1
        self.counts[entry["status"]] += 1
        self.counts["flagged"] += bool(entry.get("flags"))
        if entry.get("seconds"):
            self.graded_seconds.append(entry["seconds"])
        # Jobs left, at the mean time of the jobs that ran so far, `jobs` at a time.
        ran = self.graded_seconds or [0]
        left = sum(ran) / len(ran) * (total - self.done) / self.jobs
        what = (f"{entry['score']:g}/{entry['max_score']:g}" if entry["status"] == "graded"
                else f"UNGRADED: {entry['reason']}")
        flag = f"  FLAGGED: {'; '.join(entry['flags'])}" if entry.get("flags") else ""
        line = f"[{self.done}/{total}] {aid} {sid}: {what}{flag}" if not self.quiet else f"[{self.done}/{total}]"
        print(f"{line}   (~{left:.0f} s left)", flush=True)

    def entry_for(self, sub, ended):
        """The ledger entry of a submission whose grading ended as `ended` (an Outcome)."""
        entry = {"seconds": ended.seconds}
        report, result = ended.report, ended.result
        if report.judge_mb:
            entry["judge_mb"] = report.judge_mb
        if report.limits and not self.limits_shown:
            print(f"Sandbox: {report.limits}", flush=True)
            self.limits_shown = True
        flags = static_flags(sub.folder, sub.aid, self.cells[sub.aid]) + report.flags
        if report.timeouts:
            flags.append(f"ran past the {self.limits.timeout} s cell timeout and was "
                         f"interrupted (a test cell that did scored 0): " + ", ".join(report.timeouts))
        if ended.timed_out:
            entry.update(status="ungraded", reason=f"timed out after {self.limits.submission_timeout} s "
                                                  f"(the per-submission limit)")
        elif report.ungraded:
            entry.update(status="ungraded", reason=report.ungraded)
        elif result is None or not result.get("success"):
            entry.update(status="ungraded", reason=failure_reason(result, ended.exitcode))
        else:
            with gradebook.opened(self.config.CourseDirectory.db_url) as gb:
                graded = gb.find_submission(sub.aid, sub.sid)
                entry.update(status="graded", score=graded.score, max_score=graded.max_score)
        entry["flags"] = flags
        return entry

    def run(self, todo, pool):
        """Grade todo on the pool (a LocalPool, or grader.cluster's DaskPool); return the exit code."""
        # What the judges' locked cells import, imported once here: every forked judge inherits it
        # (scikit-learn too, which nnkit.datasets imports only when a data set needs it).
        import autograd, numpy, nnkit.datasets, nnkit.grading  # noqa
        nnkit.datasets.preload()
        sandbox.font_cache()                              # matplotlib's font list, made once for every kernel
        for relax in (False, True):                       # the notebook schema's two validators that autograde
            nbformat.validator.get_validator(relax_add_props=relax)   # compiles: 0.09 s in every job otherwise
        _set_subreaper()
        db_url = self.config.CourseDirectory.db_url
        baseline = course_state(self.root, db_url)
        running, queue, self.t0 = {}, list(todo), time.time()
        try:
            while queue or running:
                while queue and len(running) < self.jobs:
                    sub = queue.pop(0)
                    reason = precheck(sub.folder, sub.aid)
                    if reason:
                        self.record(sub, {"status": "ungraded", "reason": reason, "flags": [], "seconds": 0}, len(todo))
                        continue
                    self.ledgers[sub.aid][sub.sid] = {"status": "in progress", "fingerprint": None}
                    ledger.save(self.root, sub.aid, self.ledgers[sub.aid])
                    running[pool.start(self.root, self.config, sub)] = sub
                for handle, ended in pool.finished():
                    sub = running.pop(handle)
                    if ended.lost:
                        sub.fingerprint = None
                    self.record(sub, self.entry_for(sub, ended), len(todo))
                    if course_state(self.root, db_url) != baseline:
                        raise CourseChanged()
        except KeyboardInterrupt:
            self.stop(running)
            print(f"\nInterrupted: {self.done} of {len(todo)} graded and saved. Run `make autograde` again to finish.",
                  file=sys.stderr, flush=True)
            return 130
        except CourseChanged:
            self.stop(running)
            print("\nSTOPPED: source/ or the gradebook's test cells changed during the run. Nothing a student "
                  "submitted may change them: check `git status source/` and the gradebook before grading again.",
                  file=sys.stderr, flush=True)
            return 1
        finally:
            pool.close()
        return 0

    def stop(self, running):
        """Mark the submissions being graded as stopped; the pool's close() stops their processes."""
        for sub in running.values():
            aid, sid = sub.aid, sub.sid
            self.ledgers[aid][sid] = {"status": "ungraded", "reason": ledger.STOPPED, "fingerprint": None, "flags": []}
            ledger.save(self.root, aid, self.ledgers[aid])


def _interrupt(signum, frame):
    raise KeyboardInterrupt()


def autograde(root=".", assignments=(), *, jobs=None, force=False, quiet=False, dask=None, **limits):
    """Grade submitted/ of the course at root; return the exit code.

    jobs: submissions graded at once (default: the number of cores, or of the Dask workers' threads).
    force: regrade unchanged ones. dask: the address of a Dask scheduler to grade on (grader/cluster.py).
    limits: SandboxedJudge's limits for this run by their trait names (sandbox, timeout,
    submission_timeout, memory_mb, output_limit, ...); None or absent keeps nbgrader_config.py's.
    """
    # A shell that starts a job in the background without job control makes it ignore
    # SIGINT, and Python then installs no handler: install ours, so Ctrl-C always works.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    warnings.filterwarnings("ignore")  # nbgrader's SQLAlchemy chatter; results are reported below
    # nbgrader runs `alembic` from PATH to make a new gradebook: this interpreter's, however it was started.
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    root = Path(root).resolve()
    config = load_config(root, **limits)
    mode = SandboxedJudge(config=config).sandbox
    try:
        sandbox.check(mode)
    except sandbox.SandboxError as exc:
        print(f"Cannot grade: {exc}", file=sys.stderr)
        return 2
    submitted = root / "submitted"
    if not submitted.is_dir():
        print("No submitted/ folder: put submissions in submitted/<student>/<assignment>/<assignment>.ipynb",
              file=sys.stderr)
        return 2
    sources = assignment.ids(root)
    aids = list(assignments) or sorted({p.name for p in submitted.glob("*/*") if p.is_dir()} & set(sources))
    unknown = [a for a in aids if a not in sources]
    if unknown:
        print(f"Unknown assignment(s) {unknown}: source/ has {sources}", file=sys.stderr)
        return 2
    ensure_generated(root, config, aids)
    os.environ[sandbox.RUN_VARIABLE] = run = str(os.getpid())
    if dask:
        from .cluster import DaskPool
        try:
            pool = DaskPool(dask, config, run)
        except OSError as exc:
            print(f"Cannot grade on the Dask cluster at {dask}: {exc}", file=sys.stderr)
            return 2
    else:
        pool = LocalPool(config, run)
    coordinator = Coordinator(root, config, jobs or pool.workers(), force=force, quiet=quiet)
    todo, skipped = coordinator.plan(aids)
    if mode == "none":
        print("UNCONFINED: SANDBOX=none, student code runs without a sandbox (limits only). "
              "The ledger, grades.csv and the report say so.")
    print(f"Grading {len(todo)} submission(s) of {', '.join(aids)} with {coordinator.jobs} worker(s)"
          + (f" on the Dask cluster at {dask}" if dask else "")
          + (f"; {skipped} unchanged since last time, skipped" if skipped else ""), flush=True)
    code = coordinator.run(todo, pool)
    if code:
        return code
    ok = gradebook.integrity(config.CourseDirectory.db_url)
    c = coordinator.counts
    entries = [e for aid in aids for e in ledger.load(root, aid).values()]
    print(f"Done in {time.time() - coordinator.t0:.1f} s: this run {c['graded']} graded, {c['ungraded']} ungraded, "
          f"{c['flagged']} flagged. In all, {len(entries)} submission(s) of {', '.join(aids)}: "
          f"{sum(e['status'] == 'graded' for e in entries)} graded, "
          f"{sum(e['status'] == 'ungraded' for e in entries)} ungraded, "
          f"{sum(bool(e.get('flags')) for e in entries)} flagged for review (make report lists them); "
          f"gradebook integrity: {ok}")
    return 0 if ok == "ok" else 1

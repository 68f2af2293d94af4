"""Grading on a Dask cluster: `make autograde DASK_SCHEDULER=tcp://host:8786`.

The coordinator (grader/coordinator.py) plans, records and checks exactly
as with its local processes; only where a submission is graded changes.
Each submission becomes one Dask task, `grade`, which runs on a worker:
it starts the same grading process as the local pool does (nbgrader's
autograde, the bubblewrap sandbox, the judge), forked by the worker's
multiprocessing fork server,
waits for it at most the submission timeout, kills what is left, and
sends back the Outcome. The course folder must be at the same path on
every worker (a shared file system, as nbgrader's exchange assumes), and
the gradebook a database every worker reaches (DB_URL, grader/gradebook.py).

A worker that dies mid-submission takes its grading process with it (the
fork server exits with its worker, and PR_SET_PDEATHSIG); the scheduler gives the task to another worker (Dask's
`distributed.scheduler.allowed-failures` times), and a submission whose
workers kept dying is recorded ungraded with that reason, and graded again
by the next run: never lost, and never half-written, since a retry grades
it again from submitted/.
"""

import ctypes
import multiprocessing
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from . import gradebook, sandbox
from .coordinator import Outcome, grade_one, load_config, outcome
from .judge import Report, SandboxedJudge
from .processes import kill_tree

VARIABLE = "DASK_SCHEDULER"
# What a task sends back is bounded: nbgrader's log is cut to this many characters.
LOG_CHARS = 20_000


# What a grading process imports, imported once by each worker's fork server (as the local pool's
# coordinator does before it forks): a submission then costs its grading, not two seconds of imports.
PRELOAD = ["grader.coordinator", "nbgrader.apps", "autograd", "nnkit.grading", "sklearn.datasets",
           "sklearn.model_selection"]
_forkserver = None


def _context():
    global _forkserver
    if _forkserver is None:
        _forkserver = multiprocessing.get_context("forkserver")
        _forkserver.set_forkserver_preload(PRELOAD)
    return _forkserver


def _child(root, db_url, judge, aid, sid, run, workdir):
    """The grading process of a task, forked by the worker's fork server: the same as a local job's."""
    # Dies with the fork server, which exits when its worker dies.
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)      # PR_SET_PDEATHSIG
    os.environ.update({gradebook.VARIABLE: db_url, sandbox.RUN_VARIABLE: run,
                       "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])})
    sandbox.font_cache()
    grade_one(root, load_config(root, **judge), aid, sid, workdir)


def grade(root, db_url, judge, aid, sid, run):
    """The Dask task: grade submitted/<sid>/<aid> of the course at root in a child process of this worker.

    db_url: the coordinator's gradebook; judge: the run's c.SandboxedJudge settings (dict); run: the
    coordinator's run id, which names the cgroups and scratch folders of this run on every machine.
    Returns an Outcome.
    """
    if multiprocessing.current_process().daemon:
        raise RuntimeError("this Dask worker may not start processes: start the workers with "
                           "DASK_DISTRIBUTED__WORKER__DAEMON=False in their environment (or with --no-nanny)")
    limits = SandboxedJudge(config=load_config(root, **judge))
    workdir = Path(tempfile.mkdtemp(prefix=f"autograde-{run}-"))
    started = time.time()
    try:
        proc = _context().Process(target=_child, args=(root, db_url, judge, aid, sid, run, str(workdir)))
        proc.start()
        proc.join(limits.submission_timeout)
        timed_out = proc.is_alive()
        kill_tree(proc.pid)
        proc.join()
        sandbox.remove_cgroups(f"{run}-{proc.pid}-")
        ended = outcome(workdir, proc.exitcode, timed_out, started)
    finally:
        sandbox.remove_tree(workdir)
    if ended.result:
        ended.result = {k: (v[-LOG_CHARS:] if isinstance(v, str) else v) for k, v in ended.result.items()}
    return ended


def clean(run):
    """On a worker, after the run: the cgroups and scratch folders of run that a killed worker left behind."""
    sandbox.remove_cgroups(f"{run}-")
    for path in Path(tempfile.gettempdir()).glob(f"autograde-{run}-*"):
        sandbox.remove_tree(path)


class DaskPool:
    """Submissions graded as Dask tasks on the cluster whose scheduler is at address."""

    def __init__(self, address, config, run):
        from distributed import Client

        self.client = Client(address, timeout="30s")
        self.judge, self.db_url, self.run = dict(config.SandboxedJudge), config.CourseDirectory.db_url, run
        self.futures = {}                                 # key -> future

    def workers(self):
        """The number of tasks the cluster runs at once: its workers' threads."""
        return sum(self.client.nthreads().values())

    def start(self, root, config, sub):
        future = self.client.submit(grade, str(root), self.db_url, self.judge, sub.aid, sub.sid, self.run, pure=False,
                                    key=f"grade-{sub.aid}-{sub.sid}-{self.run}")
        self.futures[future.key] = future
        return future.key

    def finished(self):
        """[(key, Outcome)] of the tasks that ended since the last call (waits up to a second for one)."""
        from distributed import wait
        from distributed.scheduler import KilledWorker

        try:
            wait(list(self.futures.values()), timeout=1, return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        done = []
        for key, future in list(self.futures.items()):
            if not future.done():
                continue
            del self.futures[key]
            try:
                done.append((key, future.result()))
            except KilledWorker as exc:
                why = (f"the Dask workers grading it died, each time it was tried (Dask's "
                       f"distributed.scheduler.allowed-failures): {str(exc)[:300]}")
                done.append((key, Outcome(None, Report(ungraded=why), None, False, 0, lost=True)))
            except Exception as exc:                      # the cluster, not the submission, failed
                why = f"the Dask cluster could not grade it: {type(exc).__name__}: {str(exc)[:300]}"
                done.append((key, Outcome(None, Report(ungraded=why), None, False, 0, lost=True)))
        return done

    def close(self):
        """Cancel what is still queued, clean every worker's leftovers of this run, and disconnect."""
        try:
            self.client.cancel(list(self.futures.values()))
            self.client.run(clean, self.run)
        except Exception as exc:                          # the grades are recorded; only the clean-up failed
            print(f"Could not clean the Dask workers after the run ({type(exc).__name__}: {exc}): their "
                  f"scratch folders autograde-{self.run}-* and cgroups nnkit-grader-{self.run}-* may remain",
                  file=sys.stderr)
        finally:
            self.client.close()

"""Grading on Dask when workers die (grader/cluster.py).

tests/test_hub.py kills a worker in the middle of a submission and sees the
submission graded by the other one. Here, every worker that took the
submission died (Dask's KilledWorker): the submission is recorded ungraded,
with the reason, and the next run grades it again.
"""

from types import SimpleNamespace

import nbformat

from distributed.scheduler import KilledWorker

from grader import cluster, coordinator, ledger
from quality import coursekit

AID = "a01-neurons"


class DeadFuture:
    """A Dask future whose task ended in an exception."""

    def __init__(self, key, exc):
        self.key, self.exc = key, exc

    def done(self):
        return True

    def result(self):
        raise self.exc


def test_a_submission_whose_workers_all_died_is_ungraded_and_graded_by_the_next_run(tmp_path, monkeypatch):
    course = coursekit.make_course(tmp_path / "course", [AID])
    release = nbformat.read(course / "assignments" / AID / f"{AID}.ipynb", as_version=4)
    coursekit.submit(course, "alice", AID, release)
    config = coordinator.load_config(course)
    coordinator.ensure_generated(course, config, [AID])
    grading = coordinator.Coordinator(course, config, 1)
    todo, _ = grading.plan([AID])

    pool = object.__new__(cluster.DaskPool)            # a cluster whose every worker dies on this task
    pool.futures = {}

    def start(root, config, sub):
        key = f"grade-{sub.aid}-{sub.sid}"
        worker = SimpleNamespace(address="tcp://10.0.0.7:40000")
        pool.futures[key] = DeadFuture(key, KilledWorker(key, worker, 3))
        return key
    pool.start, pool.close = start, lambda: None
    monkeypatch.setattr("distributed.wait", lambda *args, **kwargs: None)

    assert grading.run(todo, pool) == 0
    entry = ledger.load(course, AID)["alice"]
    assert entry["status"] == "ungraded", entry
    assert "Dask workers grading it died" in entry["reason"] and "10.0.0.7" in entry["reason"], entry
    again, skipped = coordinator.Coordinator(course, config, 1).plan([AID])
    assert [sub.sid for sub in again] == ["alice"] and skipped == 0

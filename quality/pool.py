"""A small pool of forked workers, for the mutation and transplant tests.

Each task runs fn(*args) in a forked child, so that whatever the code on trial
does to its namespace, to modules or to the process dies with the child. The
child writes its JSON result to a file; a child past the timeout is killed.
A child that runs several trials one after another gives each a fresh copy of
its namespace (fresh) and a time limit of its own (time_limit).
"""

import contextlib
import copy
import json
import os
import signal
import tempfile
import time
import traceback
import types
from pathlib import Path


class OutOfTime(BaseException):
    """A trial ran out of time: it ends the trial, past any `except Exception` of the code on trial."""


def _out_of_time(signum, frame):
    raise OutOfTime()


@contextlib.contextmanager
def time_limit(seconds):
    """Raise OutOfTime in this (forked) process after `seconds`."""
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)


def fresh(ns):
    """A copy of a namespace whose data (arrays, dicts, lists) a trial may change freely."""
    out = {}
    for name, value in ns.items():
        try:
            out[name] = value if name.startswith("__") or isinstance(value, types.ModuleType) else copy.deepcopy(value)
        except Exception:                               # what cannot be copied is shared
            out[name] = value
    return out


def _fork(fn, args):
    """Run fn(*args) in a forked child; return (pid, path of its JSON result)."""
    fd, out = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    pid = os.fork()
    if pid == 0:
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            Path(out).write_text(json.dumps({"value": fn(*args)}))
        except BaseException:
            Path(out).write_text(json.dumps({"error": traceback.format_exc()}))
        finally:
            os._exit(0)
    return pid, out


def _reap(running, timeout, done):
    """Collect finished children of running {pid: (out, started, key)}; kill those past timeout."""
    for pid, (out, started, key) in list(running.items()):
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if not finished and time.time() - started > timeout:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            finished = pid
        if finished:
            text = Path(out).read_text() if os.path.exists(out) else ""
            done[key] = json.loads(text) if text else {"error": f"no result within {timeout} s"}
            Path(out).unlink(missing_ok=True)
            del running[pid]


def run_all(tasks, fn, jobs, timeout):
    """{key: {"value": fn(*args)} or {"error": why}} for tasks [(key, args)], `jobs` forked at a time."""
    done, running, queue = {}, {}, list(tasks)
    try:
        while queue or running:
            while queue and len(running) < jobs:
                key, args = queue.pop(0)
                pid, out = _fork(fn, args)
                running[pid] = (out, time.time(), key)
            time.sleep(0.01)
            _reap(running, timeout, done)
    finally:
        for pid, (out, _, _) in running.items():
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            Path(out).unlink(missing_ok=True)
    return done

"""Stopping processes, in one place: a process with everything it started, or a given list."""

import psutil


def kill(procs):
    """SIGKILL every psutil.Process of procs, skipping those already gone."""
    for p in procs:
        try:
            p.kill()
        except psutil.Error:
            pass


def kill_tree(pid, wait=2):
    """Kill a process and all its descendants (again, while any forks), and wait up to `wait` s for them;
    wait=0 kills once and leaves the process for its parent (the caller) to reap."""
    for _ in range(20 if wait else 1):
        try:
            procs = psutil.Process(pid).children(recursive=True) + [psutil.Process(pid)]
        except psutil.NoSuchProcess:
            return
        kill(procs)
        if wait:
            psutil.wait_procs(procs, timeout=wait)

"""Servers started for a test or a benchmark on loopback: PostgreSQL and a Dask cluster, stopped with
everything they started (tests/test_hub.py, tools/bench.py).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil

BIN = Path(sys.executable).parent
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


class NotInTime(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, check, timeout):
    """Poll check() until it returns something true; fail naming what did not happen in time (what: text, or
    a function that returns it then, such as the end of a server's log)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise NotInTime(f"{what() if callable(what) else what}: not within {timeout} s")


class Processes:
    """Servers started for the test, each in a session of its own, all stopped (and their children) at exit."""

    def __init__(self, folder):
        self.folder, self.procs = folder, []

    def start(self, name, cmd, env=None, cwd=None, user=None, stop=signal.SIGTERM):
        """Start cmd (as user, if given); `stop` is the signal that shuts it down cleanly."""
        log = open(self.folder / f"{name}.log", "ab")
        if user:
            cmd = ["runuser", "-u", user, "--", *cmd]
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True)
        log.close()
        self.procs.append((proc, stop))
        return proc

    def log(self, name):
        return (self.folder / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop(self):
        """Each server, last started first: its stop signal, 15 s to finish, then SIGKILL to what is left."""
        for proc, stop in reversed(self.procs):
            try:
                tree = psutil.Process(proc.pid).children(recursive=True)
            except psutil.NoSuchProcess:
                tree = []
            for signum, grace in ((stop, 15), (signal.SIGKILL, 5)):
                try:
                    os.killpg(proc.pid, signum)
                except ProcessLookupError:
                    break
                deadline = time.time() + grace
                while time.time() < deadline and (proc.poll() is None or psutil.wait_procs(tree, 0)[1]):
                    time.sleep(0.1)
            for p in psutil.wait_procs(tree, 0)[1]:       # servers in sessions of their own (the hub's users')
                try:
                    p.kill()
                except psutil.Error:
                    pass
            psutil.wait_procs(tree, 5)
            proc.wait()


def postgres(procs, folder):
    """A PostgreSQL server of its own on loopback, with an empty database `gradebook`; its URL."""
    data, port = folder / "pgdata", free_port()
    folder.mkdir()
    as_root = os.geteuid() == 0
    if as_root:                                       # initdb refuses root: the server runs as Debian's postgres
        shutil.chown(folder, "postgres")
    user = "postgres" if as_root else None
    run = (lambda *cmd: subprocess.run(["runuser", "-u", "postgres", "--", *cmd] if as_root else list(cmd),
                                       check=True, capture_output=True, cwd=folder))
    run(str(PG_BIN / "initdb"), "-D", str(data), "-U", "grader", "--auth=trust", "-E", "UTF8", "--no-sync")
    procs.start("postgres", [str(PG_BIN / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(port),
                             "-k", str(folder), "-c", "fsync=off"], cwd=folder, user=user, stop=signal.SIGINT)
    wait_for("PostgreSQL accepting connections", lambda: subprocess.run(
        [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)], capture_output=True).returncode == 0, 30)
    run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "grader", "gradebook")
    return f"postgresql://grader@127.0.0.1:{port}/gradebook"


def dask_cluster(procs, folder, workers=2):
    """A Dask scheduler and `workers` workers (one task at a time each, no nanny) on loopback, their scratch
    space in folder; returns (the scheduler's address, [worker Popen])."""
    from distributed import Client

    port = free_port()
    folder.mkdir(exist_ok=True)
    env = dict(os.environ, TMPDIR=str(folder))
    procs.start("dask-scheduler", [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], env=env, cwd=folder)
    address = f"tcp://127.0.0.1:{port}"
    started = [procs.start(f"dask-worker-{i}", [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-nanny",
                                                "--no-dashboard", "--host", "127.0.0.1", "--name", f"worker-{i}"],
                           env=env, cwd=folder) for i in range(1, workers + 1)]
    with Client(address, timeout="60s") as client:
        client.wait_for_workers(workers, timeout=60)
    return address, started

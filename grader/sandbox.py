"""A student kernel (grader/runner.py) in a bubblewrap sandbox.

What the kernel gets:
- its own user, PID, IPC, UTS and network namespaces: no network at all,
  and it sees no process but its own; it dies with the grader;
- the interpreter, the venv and `nnkit` read-only; `autograd` and nnkit's
  reference modules replaced by stubs that refuse to import;
- its own copy of the submission folder, the only writable place besides a
  private, size-limited /tmp;
- limits on address space, file size, open files and CPU time, and on the
  number of processes (through a pids cgroup where the grader may create
  one; RLIMIT_NPROC does not bind root).
Not in its file system: source/, solutions/, submitted/, the gradebook,
other students, the tests. It talks to the judge over one inherited unix
socket.

`mode="none"` runs the same kernel unconfined (limits only), on purpose.
"""

import itertools
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from nnkit.grading import FORBIDDEN

HERE = Path(__file__).resolve().parent
NNKIT = HERE.parent / "nnkit"
# What an answer may not use (nnkit.grading.FORBIDDEN) is not in the sandbox.
HIDDEN_PACKAGES = tuple(f for f in FORBIDDEN if "." not in f)
HIDDEN_NNKIT = tuple(f.split(".", 1)[1] for f in FORBIDDEN if f.startswith("nnkit."))
INSTALL_HINT = "apt-get install bubblewrap"
_counter = itertools.count()


class SandboxError(Exception):
    """The sandbox cannot be started on this machine."""


@dataclass
class Limits:
    memory_mb: int = 2048
    processes: int = 64
    file_mb: int = 64
    tmp_mb: int = 64
    cpu_seconds: int = 600
    output_limit: int = 1_000_000


def check(mode):
    """Raise SandboxError, saying how to fix it, if `mode` cannot run here."""
    if mode == "none":
        return
    if mode != "bwrap":
        raise SandboxError(f"unknown sandbox {mode!r}: use bwrap, or none to grade unconfined")
    if not shutil.which("bwrap"):
        raise SandboxError(f"bubblewrap (bwrap) is not installed. Install it ({INSTALL_HINT}), "
                           f"or grade unconfined on purpose with SANDBOX=none.")
    probe = subprocess.run(["bwrap", "--unshare-all", "--die-with-parent", *_system_binds(), "--proc", "/proc",
                            "--dev", "/dev", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        raise SandboxError(f"bwrap cannot create a sandbox here: {probe.stderr.strip()[:300]}. "
                           f"User namespaces must be enabled; or grade unconfined with SANDBOX=none.")


def _system_binds():
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib64", "lib32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime"):
        if (Path("/etc") / name).exists():
            args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    return args


def _site_packages():
    return Path(next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()))


def _stub(folder, name, what):
    """A module that refuses to import, and tells the runner it was asked for (a flag for the TA)."""
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    flag = f"tried to import {what}, which answers may not use"
    path.write_text(f"import sys\n"
                    f"_log = getattr(sys.modules.get('_grader_events'), 'events', None)\n"
                    f"if isinstance(_log, list) and len(_log) < 20 and {flag!r} not in _log:\n"
                    f"    _log.append({flag!r})\n"
                    f"raise ImportError({what + ' is not available while grading: answers are written from scratch'!r})\n")
    return path


class Sandbox:
    """One kernel: start(), then talk over .sock; interrupt(); close().

    workdir: the submission's own copy (the kernel's working directory).
    scratch: a folder for the grader's own files (stubs), outside workdir.
    """

    def __init__(self, workdir, scratch, limits=None, mode="bwrap"):
        self.workdir, self.scratch = Path(workdir), Path(scratch)
        self.limits, self.mode = limits or Limits(), mode
        self.proc, self.sock, self.cgroup, self.runner = None, None, None, None
        self.log = self.scratch / "kernel.log"

    def command(self, fd):
        python = str(Path(sys.prefix) / "bin" / "python")
        if self.mode == "none":
            return [python, "-B", str(HERE / "runner.py"), str(fd)]
        stubs = self.scratch / "stubs"
        site = _site_packages()
        # The private /tmp comes first: binds made after it may live under /tmp (a course cloned there).
        args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--hostname", "grader", *_system_binds(),
                "--size", str(self.limits.tmp_mb * 2 ** 20), "--tmpfs", "/tmp",
                "--ro-bind", sys.base_prefix, sys.base_prefix, "--ro-bind", sys.prefix, sys.prefix]
        for package in HIDDEN_PACKAGES:
            if (site / package).is_dir():
                _stub(stubs / package, "__init__.py", package)
                args += ["--ro-bind", str(stubs / package), str(site / package)]
        args += ["--ro-bind", str(NNKIT), str(NNKIT)]
        for module in HIDDEN_NNKIT:
            if (NNKIT / f"{module}.py").exists():
                args += ["--ro-bind", str(_stub(stubs, f"{module}.py", f"nnkit.{module}")), str(NNKIT / f"{module}.py")]
        args += ["--ro-bind", str(HERE / "runner.py"), "/grader/runner.py",
                 "--ro-bind", str(HERE / "rpc.py"), "/grader/rpc.py",
                 "--bind", str(self.workdir), "/submission", "--chdir", "/submission",
                 "--proc", "/proc", "--dev", "/dev", "--clearenv"]
        for key, value in self.environment("/tmp").items():
            args += ["--setenv", key, value]
        return args + [python, "-B", "/grader/runner.py", str(fd)]

    def environment(self, tmp):
        return {"PATH": "/usr/bin:/bin", "HOME": tmp, "TMPDIR": tmp, "MPLBACKEND": "Agg",
                "MPLCONFIGDIR": f"{tmp}/matplotlib", "IPYTHONDIR": f"{tmp}/ipython",
                "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                "PYTHONWARNINGS": "ignore", "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8",
                "GRADER_OUTPUT_LIMIT": str(self.limits.output_limit)}

    def _make_cgroup(self):
        """A pids cgroup of our own (v1 or v2), or None where the grader may not make one."""
        for root in (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")):
            path = root / f"nnkit-grader-{os.getpid()}-{next(_counter)}"
            try:
                path.mkdir()
            except OSError:
                continue
            try:
                (path / "pids.max").write_text(str(self.limits.processes))
                return path
            except OSError:
                path.rmdir()
        return None

    def _preexec(self):
        os.setsid()
        lim = self.limits
        for which, value in ((resource.RLIMIT_AS, lim.memory_mb * 2 ** 20),
                             (resource.RLIMIT_FSIZE, lim.file_mb * 2 ** 20),
                             (resource.RLIMIT_CPU, lim.cpu_seconds), (resource.RLIMIT_NOFILE, 256),
                             (resource.RLIMIT_CORE, 0), (resource.RLIMIT_NPROC, lim.processes * 8)):
            try:
                resource.setrlimit(which, (value, value))
            except (ValueError, OSError):
                pass
        if self.cgroup is not None:
            (self.cgroup / "cgroup.procs").write_text(str(os.getpid()))
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    def start(self):
        check(self.mode)
        self.scratch.mkdir(parents=True, exist_ok=True)
        ours, theirs = socket.socketpair()
        self.cgroup = self._make_cgroup()
        env = dict(self.environment(str(self.scratch / "tmp")), PYTHONPATH="")
        if self.mode == "none":
            (self.scratch / "tmp").mkdir(exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(self.command(theirs.fileno()), pass_fds=[theirs.fileno()], env=env,
                                         cwd=self.workdir, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                         preexec_fn=self._preexec)
        theirs.close()
        self.sock = ours
        self.runner = self._find_runner()
        return ours

    def describe_limits(self):
        lim = self.limits
        procs = (f"at most {lim.processes} processes (pids cgroup)" if self.cgroup is not None
                 else "no process limit for root (no pids cgroup could be made)")
        return (f"{self.mode}: {lim.memory_mb} MB address space, {lim.file_mb} MB per file, "
                f"{lim.tmp_mb} MB /tmp, {lim.cpu_seconds} s CPU, {procs}")

    def _find_runner(self):
        """The kernel's process, found once while nothing else runs in the sandbox."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.proc.poll() is None:
            for p in self._processes():
                try:
                    if p.name().startswith("python"):
                        return p
                except psutil.Error:
                    pass
            time.sleep(0.01)
        return None

    def _strays(self):
        keep = {self.proc.pid} | ({self.runner.pid} if self.runner else set())
        found = []
        for p in self._processes():
            try:
                if p.pid not in keep and p.name() != "bwrap":
                    found.append(p)
            except psutil.Error:
                pass
        return found

    def reap_strays(self):
        """Kill what a cell left running besides the kernel (forks, daemons, subprocesses).

        A fork storm refills whatever is killed, so everything is stopped first
        (a stopped process forks no more), then killed. Returns how many there were.
        """
        found = 0
        for sig in (signal.SIGSTOP, signal.SIGSTOP, signal.SIGSTOP, signal.SIGKILL):
            strays = [p for p in self._strays() if sig != signal.SIGKILL or _alive(p)]
            found = max(found, len(strays))
            for p in strays:
                try:
                    p.send_signal(sig)
                except psutil.Error:
                    pass
        return found

    def interrupt(self):
        """SIGINT to the kernel; whatever else the cell started is killed."""
        if self.runner is not None:
            try:
                self.runner.send_signal(signal.SIGINT)
            except psutil.Error:
                pass
        self.reap_strays()

    def _processes(self):
        """The bwrap process and everything in the sandbox (from the cgroup where there is one)."""
        if self.proc is None:
            return []
        pids = [int(p) for p in _read(self.cgroup / "cgroup.procs").split()] if self.cgroup else []
        if not pids:                                     # no cgroup: walk the tree, tolerating processes that vanish
            children = {}
            for p in psutil.process_iter(["ppid"]):
                children.setdefault(p.info["ppid"], []).append(p.pid)
            pids, todo = [], [self.proc.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo += children.get(pid, [])
        found = []
        for pid in pids:
            try:
                found.append(psutil.Process(pid))
            except psutil.Error:
                pass
        return found

    def exit_reason(self):
        """Why the kernel is gone, in words (None while it runs)."""
        if self.proc is None:
            return None
        try:
            code = self.proc.wait(timeout=2)            # its socket closes a moment before it is reaped
        except subprocess.TimeoutExpired:
            return None
        if code < 0 or code > 128:
            number = -code if code < 0 else code - 128
            name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
            why = {"SIGKILL": "killed, often for running out of memory", "SIGXCPU": "over its CPU-time limit",
                   "SIGSEGV": "a crash"}.get(name, "a signal")
            return f"the kernel died ({name}: {why})"
        return f"the kernel died (it exited with code {code}: the code exited, crashed or ran out of memory)"

    def close(self):
        """Kill the kernel and everything it started; free the cgroup."""
        if self.sock is not None:
            self.sock.close()
        procs = self._processes()
        for p in procs:
            try:
                p.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(procs, timeout=5)
        if self.proc is not None:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self.cgroup is not None:
            for _ in range(50):
                pids = _read(self.cgroup / "cgroup.procs").split()
                for pid in pids:
                    try:
                        os.kill(int(pid), signal.SIGKILL)
                    except OSError:
                        pass
                try:
                    self.cgroup.rmdir()
                    break
                except OSError:
                    time.sleep(0.1)
            self.cgroup = None


def _alive(process):
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""

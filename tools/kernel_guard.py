"""Runs in every student kernel at IPython startup during grading.

Installed by tools/autograde.py as an IPython startup file. It
- caps the kernel's memory (RLIMIT_AS) and the bytes a cell may print;
- refuses to start processes, and to write outside the submission's
  directory or read the course's other files (source/, gradebook, other
  students), through an audit hook that student code cannot remove;
- before each cell, puts back what student code monkeypatched in builtins,
  numpy and nnkit; during test cells, hides student names that shadow
  builtins or the test cells' modules, and puts them back afterwards.
Everything it blocks or repairs is written as a JSON line to the log that
the grader reads, so the submission is flagged for review.
"""


def _install():
    import builtins
    import json
    import math
    import os
    import resource
    import sys
    import tempfile
    import threading
    import time

    env = os.environ
    log = open(env["NNKIT_GUARD_LOG"], "a", buffering=1)

    def flag(kind, detail):
        log.write(json.dumps({"kind": kind, "detail": detail}) + "\n")

    mem = int(env.get("NNKIT_GUARD_MEMORY", "0"))
    if mem:
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))

    import numpy
    import nnkit
    import nnkit.gradcheck
    import nnkit.grading

    real = os.path.realpath
    home = real(os.getcwd())
    root = real(env.get("NNKIT_GUARD_ROOT", home))
    readable = [real(p) for p in (sys.prefix, sys.base_prefix, os.path.dirname(nnkit.__file__))]
    writable = [home, real(tempfile.gettempdir()), "/dev/null"]

    def under(path, dirs):
        return any(path == d or path.startswith(d + os.sep) for d in dirs)

    spawn = ("os.fork", "os.forkpty", "os.system", "os.posix_spawn", "os.exec", "os.spawn",
             "subprocess.Popen", "pty.spawn")
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def audit(event, args):
        if event in spawn:
            flag("process", f"tried to start a process ({event})")
            raise PermissionError("Starting processes is not allowed while grading.")
        if event != "open" or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        path = real(os.fsdecode(args[0]))
        mode, flags = args[1] or "r", args[2] or 0
        writing = any(c in str(mode) for c in "wax+") or bool(flags & write_flags)
        in_course = under(path, [root]) and not under(path, [home])
        if writing and (in_course or not under(path, writable)):
            flag("file", f"tried to write {path}")
            raise PermissionError(f"Writing outside the submission's folder is not allowed: {path}")
        if in_course and not under(path, readable):
            flag("file", f"tried to read {path}")
            raise PermissionError(f"Reading course files outside the submission's folder is not allowed: {path}")

    sys.addaudithook(audit)

    # Bounded output: a cell may print at most this many bytes.
    limit = int(env.get("NNKIT_GUARD_OUTPUT", "0"))
    if limit:
        for stream in (sys.stdout, sys.stderr):
            write, state = stream.write, {"n": 0, "told": False}

            def capped(text, write=write, state=state):
                state["n"] += len(text)
                if state["n"] <= limit:
                    return write(text)
                if not state["told"]:
                    state["told"] = True
                    flag("output", f"printed more than {limit} bytes; the rest was dropped")
                    write(f"\n[output cut by the grader after {limit} bytes]\n")
                return len(text)

            stream.write = capped

    # Monkeypatching: snapshot what tests rely on, put it back before each cell.
    watched = {"builtins": builtins, "numpy": numpy, "numpy.linalg": numpy.linalg,
               "numpy.random": numpy.random, "math": math, "nnkit.grading": nnkit.grading,
               "nnkit.gradcheck": nnkit.gradcheck}
    # Names IPython and ipykernel themselves rebind in builtins.
    ipython_names = {"exit", "quit", "get_ipython", "display", "__IPYTHON__", "_", "__", "___",
                     "input", "raw_input", "getpass"}
    snapshot = {name: dict(vars(m)) for name, m in watched.items()}

    def restore(when):
        for name, module in watched.items():
            if sys.modules.get(name) is not module:
                flag("monkeypatch", f"sys.modules[{name!r}] was replaced ({when})")
                sys.modules[name] = module
            current, saved = vars(module), snapshot[name]
            for key, value in saved.items():
                if key in ipython_names:
                    continue
                if current.get(key, restore) is not value:
                    flag("monkeypatch", f"{name}.{key} was changed ({when})")
                    current[key] = value

    ip = get_ipython()  # noqa: F821 (defined in IPython startup files)
    tests = set()
    if env.get("NNKIT_GUARD_TESTS"):
        with open(env["NNKIT_GUARD_TESTS"]) as f:
            tests = {s.strip() for s in json.load(f)}
    protected = {"np": numpy, "numpy": numpy, "grading": nnkit.grading, "nnkit": nnkit}
    stash, state = {}, {"test": False, "started": None}

    def pre(info):
        state["started"] = time.monotonic()
        restore("before a cell")
        state["test"] = info.raw_cell.strip() in tests
        if not state["test"]:
            return
        ns = ip.user_ns
        for key in list(ns):
            shadows_builtin = key in snapshot["builtins"] and key not in ipython_names and not key.startswith("_")
            if shadows_builtin or (key in protected and ns[key] is not protected[key]
                                   and getattr(ns[key], "__name__", "") != "autograd.numpy"):
                stash[key] = ns.pop(key)
                if key in protected:
                    flag("shadowing", f"the name {key!r} was rebound to something else")
                    ns[key] = protected[key]

    def post(result):
        state["started"] = None
        if state["test"]:
            restore("during a test cell")
            ip.user_ns.update(stash)
            stash.clear()

    ip.events.register("pre_run_cell", pre)
    ip.events.register("post_run_cell", post)

    # A cell that outlives the cell timeout by a grace period ignored the
    # interrupt: end the kernel, so the grader reports it instead of waiting
    # out the timeout of every later cell.
    cell_timeout = float(env.get("NNKIT_GUARD_CELL_TIMEOUT", "0"))
    if cell_timeout > 0:
        def watchdog():
            while True:
                time.sleep(0.5)
                started = state["started"]
                if started is not None and time.monotonic() - started > cell_timeout + 5:
                    flag("stuck", f"a cell ran {cell_timeout:g} s + 5 s and ignored the interrupt")
                    os._exit(70)

        threading.Thread(target=watchdog, daemon=True).start()


_install()
del _install

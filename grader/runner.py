"""The student kernel: runs inside the sandbox, serves the judge over one socket.

    python runner.py FD

FD is an inherited, connected unix socket. The runner executes the
notebook's cells it is sent in an IPython shell (so magics work), and
answers the judge's requests on the objects the cells defined: call a
function, read an attribute, apply an operator. It holds no test and no
answer key, and nothing it says decides a score or a flag: the judge checks
every number it gets, and what the grader reports about a submission it
observes from outside the sandbox.

This file and rpc.py are the only grader code in the sandbox: they import
nothing of the grader package, only the standard library, IPython and
numpy (tests/test_wire_and_static_checks.py imports them alone, tests/test_judge_bounds.py runs them
in the sandbox).
"""

import ast
import builtins
import io
import linecache
import operator
import os
import re
import signal
import socket
import sys
import traceback

import rpc

PID = os.getpid()


class Callback:
    """A judge function handed to student code: calling it asks the judge."""

    def __init__(self, conn, key):
        self._rpc_owner, self._rpc_id = conn, key

    def __call__(self, *args, **kwargs):
        return self._rpc_owner.request("call", self, list(args), kwargs)

    def __repr__(self):
        return f"<function given by the tests #{self._rpc_id}>"


class CappedText(io.TextIOBase):
    """A stream that keeps at most `limit` characters (0: keeps nothing, as for calls made by tests)."""

    def __init__(self, name, limit):
        self.name, self.limit, self.parts, self.size, self.cut = name, limit, [], 0, False

    def write(self, text):
        text = str(text)
        room = self.limit - self.size
        if len(text) > room:
            self.cut = True
            text = text[:max(room, 0)]
        self.parts.append(text)
        self.size += len(text)
        return len(text)

    def getvalue(self):
        return "".join(self.parts)


OPS = {
    "add": operator.add, "sub": operator.sub, "mul": operator.mul, "truediv": operator.truediv,
    "floordiv": operator.floordiv, "mod": operator.mod, "pow": operator.pow, "matmul": operator.matmul,
    "neg": operator.neg, "pos": operator.pos, "abs": operator.abs, "eq": operator.eq, "ne": operator.ne,
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
    "getitem": operator.getitem, "setitem": operator.setitem, "contains": operator.contains,
    "len": len, "bool": bool, "iter": iter, "next": next, "float": float, "int": int, "index": operator.index,
    "isinstance": isinstance, "hash": hash,
    "repr": lambda x: rpc._short(repr(x), 300), "str": lambda x: rpc._short(str(x), 2000),
    "format": lambda x, spec: rpc._short(format(x, spec), 2000),
}


class Kernel:
    def __init__(self):
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        config = Config()
        config.HistoryManager.enabled = False            # no history thread, no sqlite file
        self.shell = InteractiveShell.instance(config=config)
        self.shell.enable_gui = lambda gui=None: None    # `%matplotlib inline` works as in Lab; figures go nowhere
        self.ns = self.shell.user_ns

    def handle(self, conn, op, args):
        # What student code prints while a test calls it is shown nowhere (as in the judge's
        # verdicts): it is dropped here, so that printing never fails and never fills a file.
        saved = sys.stdout, sys.stderr
        if op != "exec":
            sys.stdout, sys.stderr = CappedText("stdout", 0), CappedText("stderr", 0)
        try:
            return self.dispatch(op, args)
        finally:
            sys.stdout, sys.stderr = saved
            sys.settrace(None)                            # a student's trace or profile hook must not
            sys.setprofile(None)                          # reach into the runner's own frames

    def dispatch(self, op, args):
        if op == "exec":
            return self.execute(*args)
        if op == "call":
            target, pos, kw = args
            return target(*pos, **kw)
        if op == "getattr":
            return getattr(args[0], args[1])
        if op == "setattr":
            return setattr(args[0], args[1], args[2])
        if op == "array":
            return numeric_array(*args)
        if op in OPS:
            return OPS[op](*args)
        raise ValueError(f"unknown request {op!r}")

    def lookup(self, name):
        try:
            return self.ns[name]
        except KeyError:
            raise NameError(f"name {name!r} is not defined in your notebook") from None

    def execute(self, source, label, limit):
        """Run one cell, keeping `limit` characters of each stream; return {"stdout", "stderr", "error", "cut"}."""
        filename = f"<{label}>"
        out, err = CappedText("stdout", limit), CappedText("stderr", limit)
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        error = None
        try:
            code = self.shell.transform_cell(source)
            linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
            tree = ast.parse(code, filename)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, filename, "exec"), self.ns)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), filename, "eval"), self.ns)
                if value is not None:
                    print(repr(value))
        except BaseException as exc:  # the cell's error is reported, never raised here
            error = exc
        finally:
            sys.settrace(None)                            # before any runner function is called again
            sys.setprofile(None)
            sys.stdout, sys.stderr = saved
        error = describe(error) if error is not None else None
        return {"stdout": out.getvalue(), "stderr": err.getvalue(), "error": error, "cut": out.cut or err.cut}


def numeric_array(value, dtype=None):
    """value as an array that crosses as data, as np.asarray(value, dtype) would give in one process.

    An object array of Python numbers becomes the numeric array numpy would make of its entries.
    """
    import numpy as np
    array = np.asarray(value, dtype=dtype)
    if array.dtype.kind == "O" and dtype is None:
        entries = np.asarray(array.tolist())
        if entries.shape == array.shape:
            array = entries
    if not rpc.is_data(array.dtype):
        raise TypeError(f"cannot be turned into an array of numbers (it has dtype {array.dtype})")
    return array


def describe(exc):
    """Type, message and the lines of the student's cells in the traceback."""
    where = [f"{frame.filename.strip('<>')}, line {frame.lineno}" + (f", in {frame.name}" if frame.name != "<module>" else "")
             for frame in traceback.extract_tb(exc.__traceback__) if frame.filename.startswith("<")
             and frame.filename not in ("<frozen runpy>",)]
    text = str(exc) if not isinstance(exc, KeyboardInterrupt) else "interrupted"
    return {"type": type(exc).__name__, "message": rpc._short(text, 2000), "where": where[-3:]}


class KernelConnection(rpc.Connection):
    def applied(self, env):
        """The caller's numpy error state and warning filters, for one request (see proxy.environment)."""
        if not isinstance(env, dict):
            return super().applied(env)
        import contextlib
        import warnings

        import numpy as np
        stack = contextlib.ExitStack()
        err = env.get("err")
        if isinstance(err, dict):
            stack.enter_context(np.errstate(**{k: v for k, v in err.items()
                                               if k in ("divide", "over", "under", "invalid")
                                               and v in ("ignore", "warn", "raise", "print")}))
        if isinstance(env.get("filters"), list):
            self._filters = (env.get("warn"), self.warning_filters(env["filters"][:50]))
        if getattr(self, "_filters", (None,))[0] == env.get("warn"):
            stack.enter_context(warnings.catch_warnings())
            warnings.filters[:] = self._filters[1]
            warnings._filters_mutated()
        return stack

    def warning_filters(self, filters):
        """warnings.filters rebuilt from the caller's, as they were sent (see proxy.environment)."""
        import warnings
        with warnings.catch_warnings():
            warnings.resetwarnings()
            for entry in reversed(filters):
                try:
                    action, message, category, module, lineno = entry
                    category = getattr(builtins, str(category), None)
                    warnings.filterwarnings(action, message or "", category if isinstance(category, type)
                                            and issubclass(category, Warning) else Warning, module or "", int(lineno))
                except (TypeError, ValueError, AssertionError, re.error):
                    pass
            return list(warnings.filters)

    def error(self, data):
        """A builtin exception keeps its type: student code can catch what a test's function raised."""
        name = str(data.get("type", ""))[:100] if isinstance(data, dict) else ""
        cls = getattr(builtins, name, None)
        message = str(data.get("message", "")) if isinstance(data, dict) else ""
        if isinstance(cls, type) and issubclass(cls, Exception):
            try:
                return cls(message)
            except Exception:
                pass
        return RuntimeError(f"{name}: {message}")

    def send(self, message):
        if os.getpid() != PID:                            # a process the student's code forked never speaks
            os._exit(0)
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])   # no half-sent message on Ctrl-C
        try:
            super().send(message)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)

    def describe(self, exc):
        return describe(exc)


def reap_children():
    """Collect the children the grader killed, so that they do not hold process slots."""
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                return
        except ChildProcessError:
            return


def main():
    sock = socket.socket(fileno=int(sys.argv[1]))
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)    # an oversized file is an OSError, not a dead kernel
    kernel = Kernel()
    conn = KernelConnection(sock, Callback, kernel.handle)
    conn.lookup = kernel.lookup
    while True:
        if os.getpid() != PID:
            os._exit(0)
        reap_children()
        try:
            message = conn.receive()
            if "id" in message:                           # else a late reply to an interrupted callback
                conn.serve(message)
        except KeyboardInterrupt:                         # an interrupt that came late: nothing is running
            continue
        except rpc.ProtocolError:
            os._exit(0)


if __name__ == "__main__":
    main()

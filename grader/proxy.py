"""What the judge's tests hold in place of the student's functions and objects.

A `Remote` stands for a global of the student's notebook (by name) or for
an object the student's code returned (by handle). Calling it, reading an
attribute, or applying an operator asks the sandboxed kernel, and what
comes back is data or another Remote. No student object, and no student
code, ever exists in the judge's process.
"""

import builtins

from . import rpc


class StudentError(Exception):
    """An exception raised by the student's code in the kernel."""


_ERROR_TYPES = {}


def student_error(data):
    """An exception to raise in the judge for an error in the kernel.

    Builtin exception types keep their type (as a subclass of StudentError
    too), so that `hasattr` sees an AttributeError and a test may catch a
    ZeroDivisionError; the message says that the student's code raised it and
    where.
    """
    name = str(data.get("type", "Exception"))[:100]
    base = getattr(builtins, name, None)
    if name in ("KeyboardInterrupt", "SystemExit", "GeneratorExit") or not (
            isinstance(base, type) and issubclass(base, Exception)):
        base = Exception
    # One class per builtin name, kept; a class of the student's own gets a class made for this error only,
    # so that a kernel cannot make the judge keep a class per name it invents.
    cls = _ERROR_TYPES.get(name) or type(name, (StudentError, base), {"__module__": "student code"})
    if base is not Exception or name == "Exception":
        _ERROR_TYPES[name] = cls
    where = data.get("where")
    where = [str(w)[:200] for w in where[-3:]] if isinstance(where, list) else []
    message = str(data.get("message", ""))[:2000]
    if base is AttributeError:
        return cls(message)
    text = f"{message} (raised by your code".lstrip() + (f": {'; '.join(where)})" if where else ")")
    return cls(text)


def _describe(value):
    if isinstance(value, Remote):
        return "one of your objects"
    shape = getattr(value, "shape", None)
    if shape is not None and len(shape) > 0:
        return f"array {tuple(shape)}"
    if isinstance(value, (list, tuple, dict)):
        return f"{type(value).__name__} of {len(value)}"
    if callable(value):
        return f"function {getattr(value, '__name__', '')}".rstrip()
    text = repr(value)
    return text if len(text) <= 40 else type(value).__name__


def describe_args(args, kwargs):
    """A short description of a call's arguments: shapes of arrays, values of small scalars."""
    return ", ".join([_describe(a) for a in args] + [f"{k}={_describe(v)}" for k, v in kwargs.items()])


def _binary(op):
    def forward(self, other):
        return self._rpc_owner.request(op, self, other)

    def reflected(self, other):
        return self._rpc_owner.request(op, other, self)

    return forward, reflected


class Remote:
    """A student object in the sandboxed kernel, named or by handle."""

    __slots__ = ("_rpc_owner", "_rpc_id", "_rpc_name", "__weakref__")
    __array_ufunc__ = None          # numpy hands arithmetic with a Remote to the Remote's methods

    def __init__(self, conn, key=None, name=None):
        object.__setattr__(self, "_rpc_owner", conn)
        object.__setattr__(self, "_rpc_id", key)
        object.__setattr__(self, "_rpc_name", name)

    def _ask(self, op, *args):
        return self._rpc_owner.request(op, self, *args)

    # Attributes. Dunder names are answered here: numpy and Python probe them often.
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__") and name not in ("__name__", "__qualname__"):
            raise AttributeError(name)
        if name == "__name__" and self._rpc_name is not None:
            return self._rpc_name
        return self._ask("getattr", name)

    def __setattr__(self, name, value):
        self._ask("setattr", name, value)

    def __call__(self, *args, **kwargs):
        try:
            return self._ask("call", list(args), kwargs)
        except StudentError as e:
            if self._rpc_name and len(e.args) == 1 and not isinstance(e, AttributeError):
                e.args = (f"{e.args[0]}. It was called as {self._rpc_name}({describe_args(args, kwargs)}).",)
            raise

    # Conversions and protocols.
    def __repr__(self):
        return self._ask("repr")

    def __str__(self):
        return self._ask("str")

    def __format__(self, spec):
        return self._ask("format", spec)

    def __bool__(self):
        return bool(self._ask("bool"))

    def __len__(self):
        return self._ask("len")

    def __float__(self):
        return float(self._ask("float"))

    def __int__(self):
        return int(self._ask("int"))

    def __index__(self):
        return int(self._ask("index"))

    def __array__(self, dtype=None, copy=None):
        if dtype is None:
            return self._ask("array")
        import numpy as np
        return np.asarray(self._ask("array", np.dtype(dtype).str), dtype=dtype)

    def __iter__(self):
        return self._ask("iter")

    def __next__(self):
        return self._ask("next")

    def __contains__(self, item):
        return bool(self._ask("contains", item))

    def __getitem__(self, key):
        return self._ask("getitem", key)

    def __setitem__(self, key, value):
        self._ask("setitem", key, value)

    def __hash__(self):
        return hash((self._rpc_id, self._rpc_name))

    def __instancecheck__(self, obj):
        return bool(self._rpc_owner.request("isinstance", obj, self))

    def __neg__(self):
        return self._ask("neg")

    def __pos__(self):
        return self._ask("pos")

    def __abs__(self):
        return self._ask("abs")

    def __eq__(self, other):
        return self._ask("eq", other)

    def __ne__(self, other):
        return self._ask("ne", other)

    def __lt__(self, other):
        return self._ask("lt", other)

    def __le__(self, other):
        return self._ask("le", other)

    def __gt__(self, other):
        return self._ask("gt", other)

    def __ge__(self, other):
        return self._ask("ge", other)

    __add__, __radd__ = _binary("add")
    __sub__, __rsub__ = _binary("sub")
    __mul__, __rmul__ = _binary("mul")
    __truediv__, __rtruediv__ = _binary("truediv")
    __floordiv__, __rfloordiv__ = _binary("floordiv")
    __mod__, __rmod__ = _binary("mod")
    __pow__, __rpow__ = _binary("pow")
    __matmul__, __rmatmul__ = _binary("matmul")

    # nnkit.grading.assert_from_scratch asks this instead of reading code it cannot see:
    # the sandbox has neither autograd nor the reference modules, so nothing was delegated
    # at run time; an import of them in the answer cells is reported by the static checks.
    def __from_scratch__(self):
        return self._rpc_owner.delegations.get(self._rpc_name)


def callable_only(obj):
    """The judge hands the kernel functions (as callbacks) and nothing else it owns."""
    if not callable(obj):
        raise TypeError(f"a {type(obj).__name__} cannot be passed to your code (only numbers, strings, "
                        f"lists, tuples, dicts, arrays and functions can)")
    return True


class JudgeConnection(rpc.Connection):
    """The judge's end: proxies are Remotes, errors are StudentErrors."""

    caught = Exception          # a TA's Ctrl-C stops the grader, it is not sent to the kernel

    def __init__(self, sock):
        super().__init__(sock, lambda conn, key: Remote(conn, key=key), self.call_back, callable_only)
        self.delegations = {}
        self._filters = (None, 0)          # the warning filters last sent, and their number

    def name(self, name):
        return Remote(self, name=name)

    def environment(self, op):
        """The test's numpy error state and warning filters, in force in the kernel while it serves op.

        A test that runs the student's code under np.errstate(all="raise") or with warnings as
        errors gets the verdict it would get in one process. Cells ("exec") run as in a notebook.
        """
        if op == "exec":
            return None
        import warnings

        import numpy as np
        env = {"err": np.geterr()}
        if warnings.filters != self._filters[0]:          # sent again only when they change
            filters = [[action, getattr(message, "pattern", None), category.__name__, getattr(module, "pattern", None),
                        lineno] for action, message, category, module, lineno in warnings.filters[:50]]
            self._filters = (list(warnings.filters), self._filters[1] + 1)
            env["filters"] = filters
        env["warn"] = self._filters[1]
        return env

    def call_back(self, conn, op, args):
        if op != "call" or len(args) != 3 or not isinstance(args[1], list) or not isinstance(args[2], dict):
            raise PermissionError(f"the kernel may only call the functions it was given, not {op!r}")
        target, pos, kw = args
        if isinstance(target, Remote) or not callable(target):
            raise TypeError("only functions given by the tests can be called back")
        return target(*pos, **{str(k): v for k, v in kw.items()})

    def error(self, data):
        if not isinstance(data, dict):
            raise rpc.ProtocolError("an error reply is not an object")
        return student_error(data)

"""Checks that assignment tests call.

Every check raises AssertionError with a message that says what was expected,
what came back and where to look, so that a failed test is something a
student can act on.
"""

import copy
import dis
import inspect
import types

import numpy as np

from ._checks import differences, direction_error

H = 1e-5  # the step of every centered difference here
# A gradient within this relative error along three random directions passes without the check of every entry
# (_check_grad), saving its 2 * size calls: such a gradient is wrong in an entry only by an unlucky chance.
FIRST_LOOK = 1e-7

# Modules a "from scratch" answer must not call, nor any module inside them: not even autograd.numpy,
# since the grading sandbox holds no part of these (grader/sandbox.py), and one rule serves Validate,
# the grader's flags and the sandbox.
FORBIDDEN = ("autograd", "nnkit.layers", "nnkit.losses", "nnkit.optim", "nnkit.gradcheck", "nnkit.functions",
             "nnkit.numeric", "nnkit.training")
# Nor may an answer call the checks its tests use.
NOT_IN_ANSWERS = FORBIDDEN + ("nnkit.grading",)


def _hint(hint):
    return f"\nWhere to look: {hint}" if hint and isinstance(hint, str) else ""


def check_shape(got, shape, what, hint=""):
    """Assert that `got` is an array of the given shape."""
    got_shape = np.shape(got)
    if got is None:
        raise AssertionError(f"{what} is None: did the function forget to return it?{_hint(hint)}")
    if got_shape != tuple(shape):
        raise AssertionError(f"{what} should have shape {tuple(shape)} but has shape {got_shape}.{_hint(hint)}")


def check_close(got, expected, what, rtol=1e-6, atol=1e-8, hint=""):
    """Assert that `got` equals `expected` up to tolerance, naming the worst entry."""
    expected = np.asarray(expected, dtype=np.float64)
    check_shape(got, expected.shape, what, hint)
    got = np.asarray(got, dtype=np.float64)
    _check_finite(got, what, hint)
    bad = ~np.isclose(got, expected, rtol=rtol, atol=atol)
    if bad.any():
        if expected.ndim == 0:
            raise AssertionError(f"{what}: expected {expected:.8g}, got {got:.8g}.{_hint(hint)}")
        idx = tuple(int(i) for i in np.unravel_index(np.argmax(np.abs(got - expected) * bad), expected.shape))
        raise AssertionError(
            f"{what}: {bad.sum()} of {bad.size} entries are wrong; at index {list(idx)} "
            f"expected {expected[idx]:.8g}, got {got[idx]:.8g}.{_hint(hint)}")


def _check_finite(got, what, hint, inputs=None):
    """Name the first nan or inf entry of got, if there is one."""
    if np.all(np.isfinite(got)):
        return
    idx = tuple(int(i) for i in np.argwhere(~np.isfinite(got))[0])
    where = f" at index {list(idx)}" if got.ndim else ""
    count = int(np.sum(~np.isfinite(got)))
    extra = f" Inputs: {_describe(inputs)}." if inputs else ""
    raise AssertionError(f"{what} contains {count} nan or inf entr{'y' if count == 1 else 'ies'}: "
                         f"{got[idx]}{where}.{extra}{_hint(hint)}")


def _describe(inputs):
    return ", ".join(f"{k} {np.shape(v)}" for k, v in inputs.items())


def _check_grad(name, got, f, x, what, tol, inputs, hint):
    """Compare got with the numerical gradient of f (array of x's shape -> number) at x: along three random
    directions first, then, unless they agree to FIRST_LOOK, entry by entry to tol, naming the worst entry.
    Returns the largest relative error found."""
    if isinstance(hint, dict):                 # one hint per gradient: {"dx": ..., "dW": ...}
        hint = hint.get(name, "")
    check_shape(got, np.shape(x), f"{what}: gradient {name}", hint)
    got = np.asarray(got, dtype=np.float64)
    _check_finite(got, f"{what}: gradient {name}", hint, inputs)
    quick = direction_error(f, x, got, H)
    if quick <= min(tol, FIRST_LOOK):
        return quick
    numeric = differences(f, x, H) / (2 * H)
    err = np.abs(got - numeric) / np.maximum(1e-12, np.abs(got) + np.abs(numeric))
    worst = float(err.max()) if err.size else 0.0
    if not worst <= tol:
        idx = tuple(int(i) for i in np.unravel_index(np.nanargmax(err), err.shape))
        raise AssertionError(
            f"{what}: gradient {name} does not match the numerical gradient "
            f"(max relative error {worst:.2e}, allowed {tol:.0e}). Worst entry {name}{list(idx)}: "
            f"yours {got[idx]:.8g}, numerical {numeric[idx]:.8g}. Inputs: {_describe(inputs)}.{_hint(hint)}")
    return worst


def check_backward(forward, backward, inputs, what, seed=0, tol=1e-5, hint=""):
    """Compare a layer's backward pass with centered-difference numerical gradients.

    forward(*inputs.values()) -> (out, cache); backward(dout, cache) -> one
    gradient per input, in the order of `inputs` (a single array if one input).
    inputs: dict name -> float64 array. dout is drawn from N(0, 1) with `seed`.
    hint: a string, or a dict {"dx": ..., "dW": ...} with one hint per gradient.
    Returns dict name -> max relative error.
    """
    names = list(inputs)
    args = [np.array(v, dtype=np.float64) for v in inputs.values()]
    out, cache = forward(*[a.copy() for a in args])
    dout = np.random.default_rng(seed).normal(size=np.shape(out))
    grads = backward(dout.copy(), cache)
    if len(names) == 1 and not isinstance(grads, (tuple, list)):
        grads = (grads,)
    if not isinstance(grads, (tuple, list)) or len(grads) != len(names):
        n = len(grads) if isinstance(grads, (tuple, list)) else 1
        raise AssertionError(f"{what}: backward should return {len(names)} gradient(s) "
                             f"({', '.join('d' + k for k in names)}) but returned {n}.{_hint(hint)}")
    errors = {}
    for i, (name, got) in enumerate(zip(names, grads)):
        def f(v, i=i):
            a = [x.copy() for x in args]
            a[i] = v.copy()  # a forward pass that writes into its input must not move the probe point
            return forward(*a)[0]
        errors[name] = _check_grad("d" + name, got, lambda v, f=f: np.sum(np.asarray(f(v), dtype=np.float64) * dout),
                                   args[i], what, tol, inputs, hint)
    return errors


def check_loss_gradient(loss_fn, x, *rest, what, tol=1e-5, hint=""):
    """Compare the gradient a loss returns with the numerical gradient.

    loss_fn(x, *rest) -> (loss, dx). x: float64 array. Returns the max relative error.
    """
    x = np.array(x, dtype=np.float64)
    loss, dx = loss_fn(x.copy(), *rest)
    if np.ndim(loss) != 0:
        raise AssertionError(f"{what}: the loss should be a single number but has shape {np.shape(loss)}.{_hint(hint)}")
    return _check_grad("dx", dx, lambda v: loss_fn(v, *rest)[0], x, what, tol, {"x": x}, hint)


def check_param_gradients(loss_and_grads, params, what, tol=1e-5, hint=""):
    """Check a model's gradients with respect to a dict of parameters.

    loss_and_grads(params) -> (loss, grads), grads a dict with params' keys and shapes.
    Returns dict name -> max relative error.
    """
    params = {k: np.array(v, dtype=np.float64) for k, v in params.items()}
    _, grads = loss_and_grads({k: v.copy() for k, v in params.items()})
    missing = set(params) - set(grads or {})
    if missing:
        raise AssertionError(f"{what}: no gradient returned for {sorted(missing)}.{_hint(hint)}")
    errors = {}
    for name in params:
        def f(v, name=name):
            p = {k: x.copy() for k, x in params.items()}
            p[name] = v.copy()
            return loss_and_grads(p)[0]
        errors[name] = _check_grad(name, grads[name], f, params[name], what, tol, params, hint)
    return errors


def snapshot(*args):
    """Deep copies of a call's arguments (arrays, numbers, and dicts and lists of them), for check_unchanged."""
    return copy.deepcopy(args)


def _first_change(before, after, where):
    """Where `after` differs from `before` (a description), or None: arrays by shape and value, dicts by keys."""
    if isinstance(before, dict):
        if not isinstance(after, dict) or set(before) != set(after):
            return f"{where} had the keys {sorted(map(str, before))} and now has " \
                   f"{sorted(map(str, after)) if isinstance(after, dict) else repr(after)}"
        return next((c for k in before if (c := _first_change(before[k], after[k], f"{where}[{k!r}]"))), None)
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(before) != len(after):
            return f"{where} had {len(before)} items and now has {len(after) if hasattr(after, '__len__') else after!r}"
        return next((c for i, b in enumerate(before) if (c := _first_change(b, after[i], f"{where}[{i}]"))), None)
    if isinstance(before, np.ndarray) or isinstance(after, np.ndarray):
        b, a = np.asarray(before), np.asarray(after)
        if b.shape != a.shape or not np.array_equal(b, a, equal_nan=b.dtype.kind == "f" and a.dtype.kind == "f"):
            return f"{where} was changed in place"
        return None
    return None if before == after or (before != before and after != after) else f"{where} was changed"


def check_unchanged(before, after, names, what, hint=""):
    """Assert that a call left its arguments as they were.

    before: snapshot(*args) taken before the call; after: the arguments themselves, after it;
    names: the arguments' names, in order; what: the function called.
    """
    for name, b, a in zip(names, before, after):
        change = _first_change(b, a, name)
        if change:
            raise AssertionError(f"{what} changed its argument: {change}. The caller may still need what it "
                                 f"passed in, so no argument may be changed.{_hint(hint)}")


def forbidden_imports(source):
    """The modules an answer cell's source names that answers may not use, sorted (its imports, and
    the setup cell's `grading`). The grader flags them (grader/static_checks.py), and Validate says so
    (nnkit/validation.py): one rule for both."""
    import ast
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Name) and node.id == "grading":
            names.add("nnkit.grading")
    return sorted(n for n in names if is_forbidden(n, NOT_IN_ANSWERS))


def _forbidden(obj, forbidden):
    name = obj.__name__ if isinstance(obj, types.ModuleType) else getattr(obj, "__module__", None)
    return name if isinstance(name, str) and is_forbidden(name, forbidden) else None


def _code_names(code):
    """Globals and attributes a code object reads (import statements are judged by _imports)."""
    names = {ins.argval for ins in dis.get_instructions(code)
             if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME", "LOAD_ATTR", "LOAD_METHOD")}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _imports(code):
    """Dotted names a code object (and the code nested in it) imports.

    `import a.b` gives "a.b"; `from a import b, c` gives "a.b" and "a.c", so
    that `from autograd import numpy` is judged as autograd.numpy.
    """
    found, statement = [], None
    for ins in dis.get_instructions(code):
        if ins.opname == "IMPORT_NAME":
            statement = [ins.argval, []]
            found.append(statement)
        elif ins.opname == "IMPORT_FROM" and statement:
            statement[1].append(ins.argval)
    names = [name for module, froms in found for name in ([f"{module}.{f}" for f in froms] or [module])]
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names += _imports(const)
    return names


def is_forbidden(name, forbidden=FORBIDDEN):
    """Whether a dotted module name is one of `forbidden` or inside one (autograd.numpy inside autograd)."""
    return any(name == f or name.startswith(f + ".") for f in forbidden)


def _forbidden_import(code, forbidden):
    return next((name for name in _imports(code) if is_forbidden(name, forbidden)), None)


def find_delegation(func, forbidden=NOT_IN_ANSWERS, _seen=None):
    """Return a description of the first forbidden module `func` reaches, or None.

    Follows the globals a function names (one attribute deep on modules), its
    closures, and the functions and classes it calls that live in the same
    notebook. An object that cannot be read here (the grader's stand-in for a
    function that lives in the student's sandboxed kernel) answers through its
    type's `__from_scratch__`.
    """
    remote = getattr(type(func), "__from_scratch__", None)
    if remote is not None:
        return remote(func)
    _seen = set() if _seen is None else _seen
    if id(func) in _seen:
        return None
    _seen.add(id(func))
    if inspect.isclass(func):
        for member in vars(func).values():
            if isinstance(member, (staticmethod, classmethod)):
                member = member.__func__
            if inspect.isfunction(member):
                found = find_delegation(member, forbidden, _seen)
                if found:
                    return found
        return None
    func = inspect.unwrap(getattr(func, "__func__", func))
    code = getattr(func, "__code__", None)
    if code is None:
        bad = _forbidden(func, forbidden)
        return f"{getattr(func, '__name__', func)!s} from {bad}" if bad else None
    bad = _forbidden_import(code, forbidden)
    if bad:
        return f"an import of {bad}"
    names = _code_names(code)
    values = [(n, func.__globals__[n]) for n in names if n in func.__globals__]
    for name, cell in zip(code.co_freevars, func.__closure__ or ()):
        try:
            values.append((name, cell.cell_contents))
        except ValueError:  # an empty cell
            pass
    for n, value in values:
        if isinstance(value, types.ModuleType):
            candidates = [(n, value)] + [(f"{n}.{a}", getattr(value, a)) for a in names if hasattr(value, a)]
            for label, obj in candidates:
                bad = _forbidden(obj, forbidden)
                if bad:
                    return f"{label} from {bad}"
            continue
        bad = _forbidden(value, forbidden)
        if bad:
            return f"{n} from {bad}"
        if (inspect.isfunction(value) or inspect.isclass(value)) and value.__module__ == func.__module__:
            found = find_delegation(value, forbidden, _seen)
            if found:
                return found
    return None


def assert_from_scratch(func, forbidden=NOT_IN_ANSWERS, what=None):
    """Fail if `func` (or what it calls in the notebook) uses autograd or a reference implementation."""
    found = find_delegation(func, forbidden)
    if found:
        what = what or getattr(func, "__name__", "this function")
        raise AssertionError(
            f"{what} must be written from scratch with numpy, but it uses {found}. "
            f"Replace that call with your own computation.")

"""Numerical gradients by centered differences, and relative errors.

The centered difference  (f(x + h) - f(x - h)) / 2h  has error O(h^2), so with
h = 1e-5 in float64 a correct analytic gradient agrees to about 1e-7 or better
in relative error  |a - b| / max(eps, |a| + |b|).
"""

import numpy as np

from ._checks import as_float_array, same_shape


def rel_error(a, b, eps=1e-12):
    """Elementwise relative error |a - b| / max(eps, |a| + |b|).

    a, b: arrays of one shape. Returns an array of that shape.
    """
    a = as_float_array("a", a)
    b = as_float_array("b", b)
    same_shape("a", a, "b", b)
    return np.abs(a - b) / np.maximum(eps, np.abs(a) + np.abs(b))


def numerical_gradient(f, x, h=1e-5):
    """Gradient of a scalar function f at x by centered differences.

    f: callable taking an array of x's shape and returning a number.
    x: float array, any shape. It is perturbed in place and restored.
    Returns an array of x's shape.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise ValueError("x must be a float64 numpy array (it is perturbed in place)")
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        fp = float(f(x))
        x[idx] = old - h
        fm = float(f(x))
        x[idx] = old
        grad[idx] = (fp - fm) / (2 * h)
    return grad


def numerical_gradient_dict(f, params, h=1e-5):
    """Gradients of a scalar f(params) with respect to each array in a dict.

    params: dict name -> float64 array. Returns dict name -> array of that shape.
    """
    return {name: numerical_gradient(lambda _: f(params), p, h) for name, p in params.items()}


def numerical_backward(f, x, dout, h=1e-5):
    """Numerical vector-Jacobian product: the gradient of sum(f(x) * dout) at x.

    This is what a layer's backward pass computes from the upstream gradient.
    f: array -> array of dout's shape; x: float64 array; dout: array.
    Returns an array of x's shape.
    """
    dout = as_float_array("dout", dout)

    def scalar(v):
        out = np.asarray(f(v), dtype=np.float64)
        same_shape("f(x)", out, "dout", dout)
        return np.sum(out * dout)

    return numerical_gradient(scalar, x, h)


class GradcheckResult:
    """Outcome of comparing analytic with numerical gradients.

    Attributes: ok (bool), errors (dict name -> max relative error), worst (the
    name, index, analytic and numerical value where the error is largest).
    """

    def __init__(self, errors, worst, tol):
        self.errors, self.worst, self.tol = errors, worst, tol
        self.ok = all(e <= tol for e in errors.values())

    def __str__(self):
        lines = [f"{name}: max relative error {err:.2e}" + ("" if err <= self.tol else f"  > {self.tol:.0e}  FAIL")
                 for name, err in self.errors.items()]
        if not self.ok:
            name, idx, a, n = self.worst
            lines.append(f"worst: {name}{list(idx)} analytic {a:.8g}, numerical {n:.8g}")
        return "\n".join(lines)

    __repr__ = __str__


def compare_gradients(analytic, numeric, tol=1e-5):
    """Compare dicts of analytic and numerical gradients (same keys, same shapes)."""
    if set(analytic) != set(numeric):
        raise ValueError(f"analytic gradients have keys {sorted(analytic)} but numerical have {sorted(numeric)}")
    errors, worst, worst_err = {}, None, -1.0
    for name in numeric:
        a = as_float_array(f"analytic gradient {name!r}", analytic[name])
        n = numeric[name]
        same_shape(f"analytic gradient {name!r}", a, f"parameter {name!r}", n)
        err = rel_error(a, n)
        errors[name] = float(err.max()) if err.size else 0.0     # NaN if any entry is NaN
        rank = np.where(np.isnan(err), np.inf, err)                # a NaN is the worst error of all
        if err.size and rank.max() > worst_err:
            idx = tuple(int(i) for i in np.unravel_index(np.argmax(rank), err.shape))
            worst, worst_err = (name, idx, float(a[idx]), float(n[idx])), float(rank.max())
    return GradcheckResult(errors, worst, tol)


def check_gradients(f, params, grads, tol=1e-5, h=1e-5):
    """Check analytic gradients `grads` of scalar f(params) against numerical ones.

    params: dict name -> float64 array; grads: dict name -> array of that shape.
    Returns a GradcheckResult; print it for a per-parameter report.
    """
    return compare_gradients(grads, numerical_gradient_dict(f, params, h), tol)

"""How far an analytic gradient is from the numerical one: the check the
lectures run on every derivative they derive.

    err = numeric.gradient_error(f, x, analytic)       # f: array -> number
    errs = numeric.gradient_error(f, params, grads)    # dicts of arrays

The numerical gradient is the centered difference with h = 1e-5; the error is
the largest relative error |a - n| / max(1e-12, |a| + |n|) over the entries
(see docs/conventions.md). Answers to assignments must not call this module.
"""

import numpy as np

from ._checks import as_float_array, differences, same_shape


def gradient_error(f, x, analytic, h=1e-5):
    """Largest relative error of `analytic` against the centered-difference gradient of f at x.

    f: callable, f(x) -> number. x: float64 array, or a dict name -> array (then
    f takes the dict, and analytic is a dict with the same keys and shapes).
    Returns a float, or for dicts a dict name -> float.
    """
    if isinstance(x, dict):
        out = {}
        for name in x:
            def f_one(v, name=name):
                return f({**x, name: v})
            out[name] = gradient_error(f_one, x[name], analytic[name], h)
        return out
    x = as_float_array("x", x)
    a = as_float_array("analytic", analytic)
    same_shape("analytic", a, "x", x)
    n = differences(f, x, h) / (2 * h)
    return float(np.max(np.abs(a - n) / np.maximum(1e-12, np.abs(a) + np.abs(n)), initial=0.0))

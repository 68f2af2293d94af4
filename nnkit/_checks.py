"""Argument checks that give errors naming the argument and the shapes."""

import numpy as np


def as_float_array(name, x, ndim=None):
    """Return `x` as a float64 array; raise ValueError naming `name` if it has the wrong ndim."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of numbers, got {type(x).__name__}") from exc
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimension(s) but has shape {arr.shape}")
    return arr


def same_shape(name_a, a, name_b, b):
    """Raise ValueError if arrays `a` and `b` differ in shape."""
    if np.shape(a) != np.shape(b):
        raise ValueError(f"{name_a} has shape {np.shape(a)} but {name_b} has shape {np.shape(b)}")


def labels(name, y, n, num_classes=None):
    """Check integer class labels y: (n,) with values in [0, num_classes)."""
    y = np.asarray(y)
    if y.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},) to match the batch but has shape {y.shape}")
    if y.size and not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"{name} must hold integer class labels, got dtype {y.dtype}")
    if num_classes is not None and y.size and (y.min() < 0 or y.max() >= num_classes):
        raise ValueError(f"{name} must lie in [0, {num_classes}) but ranges over [{y.min()}, {y.max()}]")
    return y


def differences(f, x, h):
    """f(x + h e_i) - f(x - h e_i) for every entry i of x, as an array of x's shape.

    f: array of x's shape -> number. x: float64 array, perturbed one entry at a
    time on a copy. Dividing by 2h gives the centered-difference gradient; the
    checks in nnkit.grading and nnkit.numeric build on this.
    """
    x = np.array(x, dtype=np.float64)
    out = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        up = float(f(x.copy()))
        x[idx] = old - h
        out[idx] = up - float(f(x.copy()))
        x[idx] = old
    return out


def direction_error(f, x, grad, h, count=3, seed=0):
    """The largest relative error of grad as f's derivative at x along `count` random directions.

    f: array of x's shape -> number. x, grad: float64 arrays of one shape. Each direction v is
    drawn from N(0, 1) with `seed` and compared with (f(x + h v) - f(x - h v)) / 2h: 2 * count
    calls of f, where differences() makes 2 * x.size. A wrong gradient agrees along a random
    direction only by chance, so the checks of nnkit.grading look here first and go entry by
    entry only when it is not tiny (PyTorch's gradcheck does the same in its fast mode).
    """
    x = np.array(x, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    rng = np.random.default_rng(seed)
    errors = []
    for _ in range(count):
        v = rng.normal(size=x.shape)
        numeric = (float(f(x + h * v)) - float(f(x - h * v))) / (2 * h)
        mine = float(np.sum(grad * v))
        errors.append(abs(mine - numeric) / max(1e-12, abs(mine) + abs(numeric)))
    return float(np.max(errors, initial=0.0))                    # NaN, the worst, if any error is NaN

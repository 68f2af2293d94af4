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

"""Reference layers: each forward returns (out, cache); each backward takes
(dout, cache) and returns the gradients of the inputs, in the order given.

Assignments ask students to write these themselves; their hidden tests check
that a student's answer does not call this module.
"""

import numpy as np

from ._checks import as_float_array, same_shape
from .functions import init_params, sigmoid, softmax  # noqa: F401  (part of this module's interface)


def dense_forward(x, W, b):
    """Affine layer out = x @ W + b.

    x: (N, D), W: (D, M), b: (M,). Returns out: (N, M) and cache.
    """
    x = as_float_array("x", x, 2)
    W = as_float_array("W", W, 2)
    b = as_float_array("b", b, 1)
    if x.shape[1] != W.shape[0]:
        raise ValueError(f"x has shape {x.shape} but W has shape {W.shape}: x.shape[1] must equal W.shape[0]")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b has shape {b.shape} but W has shape {W.shape}: b must have shape ({W.shape[1]},)")
    return x @ W + b, (x, W)


def dense_backward(dout, cache):
    """dout: (N, M). Returns dx: (N, D), dW: (D, M), db: (M,)."""
    x, W = cache
    dout = as_float_array("dout", dout, 2)
    if dout.shape != (x.shape[0], W.shape[1]):
        raise ValueError(f"dout has shape {dout.shape} but out has shape {(x.shape[0], W.shape[1])}")
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)


def _activation_backward(dout, cache, local):
    dout = as_float_array("dout", dout)
    same_shape("dout", dout, "z", cache)
    return dout * local


def sigmoid_forward(z):
    """z: any shape. Returns out = sigmoid(z) and cache."""
    out = sigmoid(z)
    return out, out


def sigmoid_backward(dout, cache):
    """dz = dout * s * (1 - s), where s = sigmoid(z)."""
    return _activation_backward(dout, cache, cache * (1 - cache))


def tanh_forward(z):
    """z: any shape. Returns out = tanh(z) and cache."""
    out = np.tanh(as_float_array("z", z))
    return out, out


def tanh_backward(dout, cache):
    """dz = dout * (1 - tanh(z)^2)."""
    return _activation_backward(dout, cache, 1 - cache ** 2)


def relu_forward(z):
    """z: any shape. Returns out = max(0, z) and cache."""
    z = as_float_array("z", z)
    return np.maximum(0, z), z


def relu_backward(dout, cache):
    """dz = dout where z > 0, else 0 (the subgradient 0 is taken at z = 0)."""
    return _activation_backward(dout, cache, (cache > 0).astype(np.float64))


def count_params(sizes):
    """Weights and biases of a fully connected net with layer sizes [D, H1, ..., C].

    Returns (weights, biases); e.g. [3, 4, 2] -> (20, 6).
    """
    if len(sizes) < 2 or any(int(n) != n or n < 1 for n in sizes):
        raise ValueError(f"sizes must list at least two positive whole layer sizes, got {list(sizes)}")
    weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    return weights, sum(sizes[1:])

"""Reference parameter updates on dicts of arrays (updated in place)."""

import numpy as np


def sgd(params, grads, lr):
    """Plain gradient descent p -= lr * g for every parameter. params, grads: dicts of arrays."""
    for name, p in params.items():
        if name not in grads:
            raise ValueError(f"no gradient given for parameter {name!r}")
        if np.shape(grads[name]) != p.shape:
            raise ValueError(f"gradient for {name!r} has shape {np.shape(grads[name])} but the parameter has shape {p.shape}")
        p -= lr * grads[name]
    return params

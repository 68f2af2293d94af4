"""Reference losses. Each returns (loss, gradient of the loss with respect to its first argument).

Losses are averaged over the batch of N examples.
"""

import numpy as np

from ._checks import as_float_array, labels, same_shape
from .functions import softmax


def mse_loss(pred, target):
    """Mean squared error 1/(2N) * sum (pred - target)^2.

    pred, target: (N, K) or (N,). Returns loss (float) and dpred of pred's shape.
    """
    pred = as_float_array("pred", pred)
    target = as_float_array("target", target)
    same_shape("pred", pred, "target", target)
    n = pred.shape[0]
    diff = pred - target
    return 0.5 * np.sum(diff ** 2) / n, diff / n


def softmax_cross_entropy(scores, y):
    """Mean cross-entropy of softmax(scores) against integer labels.

    scores: (N, C), y: (N,) in [0, C). Returns loss and dscores: (N, C).
    """
    scores = as_float_array("scores", scores, 2)
    n, c = scores.shape
    y = labels("y", y, n, c)
    p = softmax(scores)
    loss = -np.mean(np.log(p[np.arange(n), y] + 1e-300))
    dscores = p.copy()
    dscores[np.arange(n), y] -= 1
    return loss, dscores / n


def max_margin_loss(scores, y, margin=1.0):
    """Multiclass hinge (max-margin) loss: mean over i of sum_{j != y_i} max(0, s_j - s_{y_i} + margin).

    scores: (N, C), y: (N,). Returns loss and dscores: (N, C).
    """
    scores = as_float_array("scores", scores, 2)
    n, c = scores.shape
    y = labels("y", y, n, c)
    m = scores - scores[np.arange(n), y][:, None] + margin
    m[np.arange(n), y] = 0
    active = (m > 0).astype(np.float64)
    dscores = active.copy()
    dscores[np.arange(n), y] = -active.sum(axis=1)
    return np.sum(np.maximum(0, m)) / n, dscores / n

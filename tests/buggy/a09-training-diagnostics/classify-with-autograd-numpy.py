"""A right computation that imports autograd.numpy, numpy with tracing. It runs in the student's own
kernel, but the grading sandbox holds no part of autograd: Validate and the grader's flag both say
that answers may not import it, and every cell of the item scores 0 (the answer cell fails)."""
LOSES = ["test_classify_curve", "hidden_classify_curve_core", "hidden_classify_curve_edges"]

import autograd.numpy as anp


def classify_curve(train_losses, val_losses):
    train = anp.asarray(train_losses, dtype=float)
    val = np.asarray(val_losses, dtype=np.float64)
    T = len(train)
    if not (np.all(np.isfinite(train)) and np.all(np.isfinite(val))) or train[-1] > train[0]:
        return "diverging"
    best = int(np.argmin(val))
    if best < T / 2 and val[-1] > 1.2 * val[best]:
        return "overfitting"
    late = train[T // 2:]
    if np.mean(np.diff(late) > 0) >= 1 / 3:
        return "noisy"
    if train[-1] > 0.5 * train[0]:
        return "too slow"
    return "ok"

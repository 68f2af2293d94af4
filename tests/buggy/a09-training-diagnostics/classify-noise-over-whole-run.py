"""Rises are counted over the whole run instead of its second half: a run that is noisy
only late has its rises diluted by the calm early epochs. The visible noisy example rises
every other epoch from the start, so it passes."""
LOSES = ["hidden_classify_curve_core", "hidden_classify_curve_edges"]


def classify_curve(train_losses, val_losses):
    train = np.asarray(train_losses, dtype=np.float64)
    val = np.asarray(val_losses, dtype=np.float64)
    T = len(train)
    if not (np.all(np.isfinite(train)) and np.all(np.isfinite(val))) or train[-1] > train[0]:
        return "diverging"
    best = int(np.argmin(val))
    if best < T / 2 and val[-1] > 1.2 * val[best]:
        return "overfitting"
    if np.mean(np.diff(train) > 0) >= 1 / 3:
        return "noisy"
    if train[-1] > 0.5 * train[0]:
        return "too slow"
    return "ok"

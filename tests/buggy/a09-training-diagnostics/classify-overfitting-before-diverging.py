"""The rules are checked in another order, overfitting before diverging: a run whose training
loss ends above its start but whose validation curve is U-shaped is called overfitting. The
visible examples never have both."""
LOSES = ["hidden_classify_curve_edges"]


def classify_curve(train_losses, val_losses):
    train = np.asarray(train_losses, dtype=np.float64)
    val = np.asarray(val_losses, dtype=np.float64)
    T = len(train)
    best = int(np.argmin(val))
    if best < T / 2 and val[-1] > 1.2 * val[best]:
        return "overfitting"
    if not (np.all(np.isfinite(train)) and np.all(np.isfinite(val))) or train[-1] > train[0]:
        return "diverging"
    late = train[T // 2:]
    if np.mean(np.diff(late) > 0) >= 1 / 3:
        return "noisy"
    if train[-1] > 0.5 * train[0]:
        return "too slow"
    return "ok"

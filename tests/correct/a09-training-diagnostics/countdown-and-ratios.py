"""Right answers in other forms for two of the three: early stopping with the patience as a
countdown that each new low refills, and the classifier's thresholds written as ratios
(v[-1] / v.min() > 1.2, t[-1] / t[0] > 0.5)."""
LOSES = []


def early_stopping(params, train_epoch, val_loss, max_epochs=100, patience=5):
    best_params, best_epoch, history, lowest, left = None, 0, [], np.inf, patience
    for epoch in range(1, max_epochs + 1):
        params = train_epoch(params)
        loss = val_loss(params)
        history.append(loss)
        left -= 1
        if loss < lowest:
            lowest, best_epoch, left = loss, epoch, patience
            best_params = {name: value.copy() for name, value in params.items()}
        if left == 0:
            break
    return best_params, best_epoch, history


def classify_curve(train_losses, val_losses):
    t = np.asarray(train_losses, dtype=float)
    v = np.asarray(val_losses, dtype=float)
    if not np.isfinite(t).all() or not np.isfinite(v).all() or t[-1] > t[0]:
        return "diverging"
    if np.argmin(v) < len(t) / 2 and v[-1] / v.min() > 1.2:
        return "overfitting"
    if np.mean(np.diff(t[len(t) // 2:]) > 0) >= 1 / 3:
        return "noisy"
    return "too slow" if t[-1] / t[0] > 0.5 else "ok"

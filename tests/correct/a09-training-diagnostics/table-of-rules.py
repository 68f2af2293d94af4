"""Right answers in a data-driven style: the classifier as an ordered table of (label,
predicate) pairs; the range test's rates from np.geomspace; early stopping written with a
while loop."""
LOSES = []


def lr_range_test(loss_and_grad, w0, lr_min=1e-5, lr_max=10.0, steps=60):
    w = np.asarray(w0, dtype=float).copy()
    rates = np.geomspace(lr_min, lr_max, steps)
    record = []
    for rate in rates:
        loss, grad = loss_and_grad(w)
        record.append((rate, loss))
        so_far = np.array([l for _, l in record])
        if not np.isfinite(loss) or loss > 4 * np.nanmin(so_far):
            break
        w -= rate * grad
    lrs = np.array([r for r, _ in record])
    losses = np.array([l for _, l in record], dtype=float)
    ok = np.isfinite(losses)
    return lrs, losses, lrs[ok][np.argmin(losses[ok])] / 10


def early_stopping(params, train_epoch, val_loss, max_epochs=100, patience=5):
    history, best = [], (np.inf, 0, None)
    epoch = 0
    while epoch < max_epochs and epoch - best[1] < patience:
        epoch += 1
        params = train_epoch(params)
        history.append(val_loss(params))
        if history[-1] < best[0]:
            best = (history[-1], epoch, {k: v.copy() for k, v in params.items()})
    return best[2], best[1], history


def classify_curve(train_losses, val_losses):
    tr, va = np.array(train_losses, dtype=float), np.array(val_losses, dtype=float)
    T = tr.size
    rules = [
        ("diverging", lambda: not np.isfinite(np.concatenate([tr, va])).all() or tr[-1] > tr[0]),
        ("overfitting", lambda: np.argmin(va) < T / 2 and va[-1] > 1.2 * va.min()),
        ("noisy", lambda: (np.diff(tr[T // 2:]) > 0).sum() * 3 >= T - T // 2 - 1),
        ("too slow", lambda: tr[-1] > 0.5 * tr[0]),
    ]
    return next((label for label, rule in rules if rule()), "ok")

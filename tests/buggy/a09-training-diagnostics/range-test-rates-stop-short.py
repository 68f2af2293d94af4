"""The rates grow by (lr_max / lr_min) ** (1 / steps) per step instead of 1 / (steps - 1), so the
last of the `steps` rates falls short of lr_max: right at the first rate, off by a factor that
grows along the run. The visible test's rates already show it."""
LOSES = ["test_lr_range_test", "hidden_lr_range_test_core", "hidden_lr_range_test_outcome"]


def lr_range_test(loss_and_grad, w0, lr_min=1e-5, lr_max=10.0, steps=60):
    w = np.array(w0, dtype=float)
    lrs, losses = [], []
    for k in range(steps):
        rate = lr_min * (lr_max / lr_min) ** (k / steps)
        loss, grad = loss_and_grad(w)
        lrs.append(rate)
        losses.append(loss)
        if not np.isfinite(loss) or loss > 4 * min(losses):
            break
        w = w - rate * grad
    lrs, losses = np.array(lrs), np.array(losses, dtype=float)
    finite = np.where(np.isfinite(losses), losses, np.inf)
    return lrs, losses, lrs[int(np.argmin(finite))] / 10

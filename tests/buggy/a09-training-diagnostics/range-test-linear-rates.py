"""The rates grow linearly from lr_min to lr_max (np.linspace) instead of geometrically.
With 3 steps from 0.1 to 10 the visible test's middle rate is 5.05 instead of 1, so it
fails; kept because it is the most common slip."""
LOSES = ["test_lr_range_test", "hidden_lr_range_test_core", "hidden_lr_range_test_outcome"]


def lr_range_test(loss_and_grad, w0, lr_min=1e-5, lr_max=10.0, steps=60):
    w = np.array(w0, dtype=np.float64)
    lrs, losses = [], []
    for rate in np.linspace(lr_min, lr_max, steps):
        loss, grad = loss_and_grad(w)
        lrs.append(rate)
        losses.append(loss)
        if not np.isfinite(loss) or loss > 4 * min(losses):
            break
        w = w - rate * grad
    return np.array(lrs), np.array(losses), lrs[int(np.argmin(losses))] / 10

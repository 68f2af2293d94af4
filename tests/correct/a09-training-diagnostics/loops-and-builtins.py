"""Right answers with plain Python: math.isfinite, explicit counters and a patience counter
that is reset at each new low, rates computed one by one with math.exp of a log-spaced
step, and copy.deepcopy for the best weights."""
LOSES = []


def lr_range_test(loss_and_grad, w0, lr_min=1e-5, lr_max=10.0, steps=60):
    import math
    w = w0.copy()
    lrs, losses, lowest = [], [], math.inf
    for t in range(steps):
        rate = math.exp(math.log(lr_min) + t * (math.log(lr_max) - math.log(lr_min)) / (steps - 1))
        loss, grad = loss_and_grad(w)
        lrs.append(rate)
        losses.append(float(loss))
        if not math.isfinite(loss):
            break
        lowest = min(lowest, loss)
        if loss > 4 * lowest:
            break
        w = w - rate * grad
    finite = [(l, r) for l, r in zip(losses, lrs) if math.isfinite(l)]
    return np.array(lrs), np.array(losses), min(finite)[1] / 10


def early_stopping(params, train_epoch, val_loss, max_epochs=100, patience=5):
    import copy
    best_loss, best_epoch, best, history, waited = float("inf"), 0, None, [], 0
    for epoch in range(1, max_epochs + 1):
        params = train_epoch(params)
        history.append(val_loss(params))
        if history[-1] < best_loss:
            best_loss, best_epoch, best, waited = history[-1], epoch, copy.deepcopy(params), 0
        else:
            waited = epoch - best_epoch
            if waited >= patience:
                break
    return best, best_epoch, history


def classify_curve(train_losses, val_losses):
    import math
    tr, va = [float(v) for v in train_losses], [float(v) for v in val_losses]
    n = len(tr)
    if any(not math.isfinite(v) for v in tr + va) or tr[-1] > tr[0]:
        return "diverging"
    i_min = va.index(min(va))
    if 2 * i_min < n and va[-1] > 1.2 * va[i_min]:
        return "overfitting"
    late = tr[n // 2:]
    ups = sum(1 for a, b in zip(late, late[1:]) if b > a)
    if 3 * ups >= len(late) - 1:
        return "noisy"
    return "too slow" if tr[-1] > tr[0] / 2 else "ok"

"""A right answer with plain loops: the penalty and its gradient entry by entry over a flat view,
np.where for dropout, clipping by value with min and max entry by entry, and copy.deepcopy for the
best parameters."""
LOSES = []


def l2_regularize(loss, grads, params, reg):
    total = loss
    out = {}
    for name in grads:
        g = np.array(grads[name], dtype=float)
        if name[0] == "W":
            flat_w, flat_g = params[name].ravel(), g.reshape(-1)
            for i in range(flat_w.size):
                total += reg * flat_w[i] * flat_w[i]
                flat_g[i] += 2 * reg * flat_w[i]
        out[name] = g
    return total, out


def dropout_forward(x, p, train=True, seed=None, mask=None):
    if train:
        if mask is None:
            mask = np.random.default_rng(seed).random(x.shape) < p
        return np.where(mask, x / p, 0.0), (True, mask, p)
    return np.array(x, dtype=float), (False, None, p)


def dropout_backward(dout, cache):
    train, mask, p = cache
    if not train:
        return np.array(dout, dtype=float)
    return np.where(mask, dout / p, 0.0)


def clip_gradients(grads, max_value=None, max_norm=None):
    out = {}
    for name, g in grads.items():
        c = np.array(g, dtype=float)
        if max_value is not None:
            flat = c.reshape(-1)
            for i in range(flat.size):
                flat[i] = min(max(flat[i], -max_value), max_value)
        out[name] = c
    if max_norm is not None:
        squares = 0.0
        for c in out.values():
            for v in c.ravel():
                squares += v * v
        norm = squares ** 0.5
        if norm > max_norm:
            for name in out:
                out[name] = out[name] * (max_norm / norm)
    return out


class EarlyStopping:
    def __init__(self, patience=5, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.epoch, self.best_epoch, self.best_loss, self.best_params = 0, 0, np.inf, None

    def update(self, val_loss, params):
        import copy
        self.epoch += 1
        improved = val_loss < self.best_loss - self.min_delta
        if improved:
            self.best_loss, self.best_epoch, self.best_params = val_loss, self.epoch, copy.deepcopy(params)
        return not improved and self.epoch - self.best_epoch >= self.patience

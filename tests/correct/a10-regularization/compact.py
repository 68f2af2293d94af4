"""A right answer written compactly: dict comprehensions, a dropout cache that is just the scaled
mask (ones in test mode), the global norm of one concatenated vector, and a monitor that keeps the
whole history and finds the best epoch with argmin."""
LOSES = []


def l2_regularize(loss, grads, params, reg):
    weights = [k for k in params if k.startswith("W")]
    return (loss + reg * sum((params[k] ** 2).sum() for k in weights),
            {k: g + 2 * reg * params[k] * (k in weights) for k, g in grads.items()})


def dropout_forward(x, p, train=True, seed=None, mask=None):
    keep = np.ones(x.shape) if not train else (mask if mask is not None else np.random.default_rng(seed).random(x.shape) < p) / p
    return x * keep, keep


def dropout_backward(dout, cache):
    return dout * cache


def clip_gradients(grads, max_value=None, max_norm=None):
    big = max_value if max_value is not None else np.inf
    out = {k: np.minimum(np.maximum(g, -big), big) for k, g in grads.items()}
    norm = np.linalg.norm(np.concatenate([g.ravel() for g in out.values()])) if out else 0.0
    factor = max_norm / norm if max_norm is not None and norm > max_norm else 1.0
    return {k: g * factor for k, g in out.items()}


class EarlyStopping:
    def __init__(self, patience=5, min_delta=0.0):
        self.patience, self.min_delta, self.history = patience, min_delta, []
        self.best_loss, self.best_epoch, self.best_params = np.inf, 0, None

    @property
    def epoch(self):
        return len(self.history)

    def update(self, val_loss, params):
        self.history.append(val_loss)
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch = val_loss, len(self.history)
            self.best_params = {k: np.copy(v) for k, v in params.items()}
        return len(self.history) - self.best_epoch >= self.patience

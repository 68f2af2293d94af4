"""A right answer in PyTorch's style: the penalty as a sum over named parameters, a mask drawn with
rng.uniform, clipping by norm with a clip coefficient max_norm / norm clamped to 1 as PyTorch's is (without its
+1e-6, which the course leaves out),
and a monitor that counts bad epochs as ReduceLROnPlateau does."""
LOSES = []


def l2_regularize(loss, grads, params, reg):
    decay = {name: (2 * reg * p if name.startswith("W") else np.zeros_like(p)) for name, p in params.items()}
    penalty = sum(float((p * p).sum()) for name, p in params.items() if name.startswith("W"))
    return loss + reg * penalty, {name: grads[name] + decay[name] for name in grads}


def dropout_forward(x, p, train=True, seed=None, mask=None):
    if not train:
        return x.copy(), {"train": False}
    keep = mask if mask is not None else np.random.default_rng(seed).uniform(0.0, 1.0, size=x.shape) < p
    scale = np.where(keep, 1.0 / p, 0.0)
    return x * scale, {"train": True, "scale": scale}


def dropout_backward(dout, cache):
    return dout * cache["scale"] if cache["train"] else dout.copy()


def clip_gradients(grads, max_value=None, max_norm=None):
    grads = {k: v.astype(float) for k, v in grads.items()}
    if max_value is not None:
        grads = {k: v.clip(-max_value, max_value) for k, v in grads.items()}
    if max_norm is not None:
        total = np.linalg.norm(np.array([np.linalg.norm(v.ravel()) for v in grads.values()]))
        coef = 1.0 if total <= max_norm else max_norm / total
        grads = {k: v * coef for k, v in grads.items()}
    return grads


class EarlyStopping:
    def __init__(self, patience=5, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.epoch = 0
        self.best_epoch = 0
        self.best_loss = float("inf")
        self.best_params = None
        self.num_bad_epochs = 0

    def update(self, val_loss, params):
        self.epoch += 1
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss = float(val_loss)
            self.best_epoch = self.epoch
            self.best_params = {k: v.copy() for k, v in params.items()}
            self.num_bad_epochs = 0
        else:
            self.num_bad_epochs += 1
        return self.num_bad_epochs >= self.patience

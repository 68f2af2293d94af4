"""A right answer in another style: the network written as small layer functions
with caches (CS231n's layers.py style), and a training loop over index batches."""
LOSES = []


def _affine(x, W, b):
    return x @ W + b, (x, W)


def _affine_back(d, cache):
    x, W = cache
    return d @ W.T, x.T @ d, d.sum(0)


def two_layer_loss(params, X, y, reg=0.0):
    z1, c1 = _affine(X, params["W1"], params["b1"])
    h = np.where(z1 > 0, z1, 0.0)
    s, c2 = _affine(h, params["W2"], params["b2"])
    s = s - np.max(s, axis=1, keepdims=True)
    logsum = np.log(np.sum(np.exp(s), axis=1))
    n = len(y)
    data_loss = np.mean(logsum - s[np.arange(n), y])
    loss = data_loss + reg * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2))
    ds = np.exp(s - logsum[:, None])
    ds[np.arange(n), y] -= 1
    ds /= n
    dh, dW2, db2 = _affine_back(ds, c2)
    _, dW1, db1 = _affine_back(dh * (z1 > 0), c1)
    return loss, {"W1": dW1 + 2 * reg * params["W1"], "b1": db1,
                  "W2": dW2 + 2 * reg * params["W2"], "b2": db2}


def predict(params, X):
    h = np.maximum(_affine(X, params["W1"], params["b1"])[0], 0)
    return _affine(h, params["W2"], params["b2"])[0].argmax(axis=1)


def train(params, X, y, lr=0.2, reg=1e-4, epochs=15, batch_size=32, seed=0):
    rng = np.random.default_rng(seed)
    p = {k: np.array(v, dtype=float) for k, v in params.items()}
    history = []
    for _ in range(epochs):
        batches = np.array_split(rng.permutation(len(X)), range(batch_size, len(X), batch_size))
        epoch_losses = []
        for idx in batches:
            loss, g = two_layer_loss(p, X[idx], y[idx], reg)
            p = {k: p[k] - lr * g[k] for k in p}
            epoch_losses.append(loss)
        history.append(float(np.mean(epoch_losses)))
    return p, history

"""A right answer in another style: the gradients accumulated one example at a time in
a Python loop (as in the lecture's backprop by hand), a predict that loops over rows,
and a training loop over explicit index batches."""
LOSES = []


def _one_example(params, x, label):
    z1 = x @ params["W1"] + params["b1"]
    h = np.maximum(z1, 0.0)
    s = h @ params["W2"] + params["b2"]
    m = s.max()
    p = np.exp(s - m) / np.exp(s - m).sum()
    loss = -(s[label] - m - np.log(np.exp(s - m).sum()))
    ds = p.copy()
    ds[label] -= 1.0
    dz1 = (params["W2"] @ ds) * (z1 > 0)
    return loss, {"W1": np.outer(x, dz1), "b1": dz1, "W2": np.outer(h, ds), "b2": ds}


def two_layer_loss(params, X, y, reg=0.0):
    n = len(X)
    total = 0.0
    grads = {k: np.zeros_like(v, dtype=float) for k, v in params.items()}
    for x, label in zip(X, y):
        loss, g = _one_example(params, x, label)
        total += loss
        for k in grads:
            grads[k] += g[k]
    loss = total / n
    for k in grads:
        grads[k] /= n
    for k in ("W1", "W2"):
        loss += reg * np.sum(params[k] ** 2)
        grads[k] += 2 * reg * params[k]
    return loss, grads


def predict(params, X):
    labels = []
    for x in X:
        h = np.maximum(x @ params["W1"] + params["b1"], 0.0)
        labels.append(int(np.argmax(h @ params["W2"] + params["b2"])))
    return np.array(labels)


def train(params, X, y, lr=0.2, reg=1e-4, epochs=15, batch_size=32, seed=0):
    rng = np.random.default_rng(seed)
    p = {k: v.copy() for k, v in params.items()}
    history = []
    for _ in range(epochs):
        order = rng.permutation(X.shape[0])
        batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
        losses = []
        for idx in batches:
            loss, grads = two_layer_loss(p, X[idx], y[idx], reg)
            losses.append(loss)
            for k in p:
                p[k] = p[k] - lr * grads[k]
        history.append(sum(losses) / len(losses))
    return p, history

"""A right answer in another style: one-hot targets (dscores = (P - Y) / N), np.einsum
for every product, the log-sum-exp written with np.logaddexp.reduce, and a training
loop that shuffles copies of X and y and slices them."""
LOSES = []


def two_layer_loss(params, X, y, reg=0.0):
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    N, C = X.shape[0], W2.shape[1]
    Y = np.eye(C)[y]
    z1 = np.einsum("nd,dh->nh", X, W1) + b1
    h = z1 * (z1 > 0)
    s = np.einsum("nh,hc->nc", h, W2) + b2
    lse = np.logaddexp.reduce(s, axis=1)
    loss = np.einsum("nc,nc->", Y, lse[:, None] - s) / N
    loss += reg * (np.einsum("ij,ij->", W1, W1) + np.einsum("ij,ij->", W2, W2))
    ds = (np.exp(s - lse[:, None]) - Y) / N
    dh = np.einsum("nc,hc->nh", ds, W2)
    dz1 = dh * (z1 > 0)
    return loss, {"W1": np.einsum("nd,nh->dh", X, dz1) + 2 * reg * W1, "b1": dz1.sum(axis=0),
                  "W2": np.einsum("nh,nc->hc", h, ds) + 2 * reg * W2, "b2": ds.sum(axis=0)}


def predict(params, X):
    h = np.einsum("nd,dh->nh", X, params["W1"]) + params["b1"]
    s = np.einsum("nh,hc->nc", np.clip(h, 0, None), params["W2"]) + params["b2"]
    return s.argmax(axis=1)


def train(params, X, y, lr=0.2, reg=1e-4, epochs=15, batch_size=32, seed=0):
    generator = np.random.default_rng(seed)
    current = {k: np.array(v, dtype=float) for k, v in params.items()}
    history = []
    for epoch in range(epochs):
        perm = generator.permutation(len(X))
        Xs, ys = X[perm], y[perm]
        total, steps = 0.0, 0
        for i in range(0, len(Xs), batch_size):
            loss, grads = two_layer_loss(current, Xs[i:i + batch_size], ys[i:i + batch_size], reg)
            current = {k: current[k] - lr * grads[k] for k in current}
            total, steps = total + loss, steps + 1
        history.append(total / steps)
    return current, history

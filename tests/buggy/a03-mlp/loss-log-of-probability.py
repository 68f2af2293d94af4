"""The softmax is shifted by each row's maximum, but the loss is the log of the probability, so a
right class far behind underflows to probability 0 and the loss becomes inf."""
LOSES = ["hidden_two_layer_loss_stability"]


def two_layer_loss(params, X, y, reg=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    s = h @ W2 + b2
    e = np.exp(s - s.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(n), y])) + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    ds = p.copy()
    ds[np.arange(n), y] -= 1
    ds = ds / n
    dz1 = (ds @ W2.T) * (z1 > 0)
    return loss, {"W1": X.T @ dz1 + 2 * reg * W1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ ds + 2 * reg * W2, "b2": ds.sum(axis=0)}

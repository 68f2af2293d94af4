"""The ReLU mask in the backward pass is z1 >= 0, so a hidden unit whose pre-activation is
exactly 0 passes gradient: against the course's convention (derivative 0 at 0)."""
LOSES = ["test_two_layer_loss", "hidden_two_layer_loss_properties"]


def two_layer_loss(params, X, y, reg=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    s = h @ W2 + b2
    s = s - s.max(axis=1, keepdims=True)
    log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    loss = -np.mean(log_p[np.arange(n), y]) + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    ds = np.exp(log_p)
    ds[np.arange(n), y] -= 1
    ds = ds / n
    dz1 = (ds @ W2.T) * (z1 >= 0)
    return loss, {"W1": X.T @ dz1 + 2 * reg * W1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ ds + 2 * reg * W2, "b2": ds.sum(axis=0)}

"""The softmax subtracts one maximum, of the whole batch, instead of each row's own
maximum. That is stable while all rows have similar scores; a row whose scores are
far below the batch's maximum underflows to all zeros and gives nan."""
LOSES = ['hidden_two_layer_loss_stability']


def two_layer_loss(params, X, y, reg=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(0.0, z1)
    scores = h @ W2 + b2
    e = np.exp(scores - scores.max())
    probs = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(probs[np.arange(n), y])) + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dscores = probs.copy()
    dscores[np.arange(n), y] -= 1
    dscores /= n
    dz1 = (dscores @ W2.T) * (z1 > 0)
    return loss, {"W1": X.T @ dz1 + 2 * reg * W1, "b1": dz1.sum(axis=0),
                  "W2": h.T @ dscores + 2 * reg * W2, "b2": dscores.sum(axis=0)}

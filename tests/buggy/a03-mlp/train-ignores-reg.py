"""train never passes reg on to two_layer_loss, so it trains without the L2 penalty
whatever reg it is given. The visible run has reg = 0 and passes, and the digits are
still learned to well over 93 %; only the hidden test that follows the steps sees it."""
LOSES = ['hidden_train_arguments']


def train(params, X, y, lr=0.2, reg=1e-4, epochs=15, batch_size=32, seed=0):
    rng = np.random.default_rng(seed)
    params = {k: v.copy() for k, v in params.items()}
    history = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        losses = []
        for i in range(0, len(X), batch_size):
            idx = order[i:i + batch_size]
            loss, grads = two_layer_loss(params, X[idx], y[idx])
            params = {k: params[k] - lr * grads[k] for k in params}
            losses.append(loss)
        history.append(np.mean(losses))
    return params, history

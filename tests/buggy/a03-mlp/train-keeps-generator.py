"""train keeps its shuffling generator between calls, on the function object, made on
the first call only. The first run follows the convention; every later run continues
the old stream, whatever its seed, so two calls with the same arguments no longer
take the same steps."""
LOSES = ['test_train', 'hidden_train_properties', 'hidden_train_arguments']


def train(params, X, y, lr=0.2, reg=1e-4, epochs=15, batch_size=32, seed=0):
    if not hasattr(train, "shuffler"):
        train.shuffler = np.random.default_rng(seed)
    params = {k: v.copy() for k, v in params.items()}
    history = []
    for _ in range(epochs):
        order = train.shuffler.permutation(len(X))
        losses = []
        for i in range(0, len(X), batch_size):
            idx = order[i:i + batch_size]
            loss, grads = two_layer_loss(params, X[idx], y[idx], reg)
            params = {k: params[k] - lr * grads[k] for k in params}
            losses.append(loss)
        history.append(np.mean(losses))
    return params, history

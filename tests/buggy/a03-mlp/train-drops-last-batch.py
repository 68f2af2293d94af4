"""train takes only full minibatches and drops the rest of each epoch (PyTorch's
drop_last=True). A fair choice elsewhere, but not this course's convention: with
N = 7 and batch_size = 3 the visible run takes 4 steps instead of 6."""
LOSES = ['test_train', 'hidden_train_arguments']


def train(params, X, y, lr=0.2, reg=1e-4, epochs=15, batch_size=32, seed=0):
    rng = np.random.default_rng(seed)
    params = {k: v.copy() for k, v in params.items()}
    history = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        losses = []
        for i in range(len(X) // batch_size):
            idx = order[i * batch_size:(i + 1) * batch_size]
            loss, grads = two_layer_loss(params, X[idx], y[idx], reg)
            params = {k: params[k] - lr * grads[k] for k in params}
            losses.append(loss)
        history.append(np.mean(losses))
    return params, history

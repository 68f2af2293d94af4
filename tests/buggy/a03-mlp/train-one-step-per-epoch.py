"""train confuses epochs with steps: it takes one SGD step on one minibatch per epoch
instead of a step for every minibatch. The loss still goes down over the 5 visible
epochs, but 20 steps are far too few to reach 93 % test accuracy. It also writes the new
parameters into the caller's params dict (params[name] = ...), which the hidden tests see."""
LOSES = ['test_train', 'hidden_train_core', 'hidden_train_arguments', 'hidden_train_properties']


def train(params, X, y, lr=0.2, reg=1e-4, epochs=15, batch_size=32, seed=0):
    rng = np.random.default_rng(seed)
    history = []
    for epoch in range(epochs):
        batch = rng.choice(X.shape[0], size=batch_size, replace=False)
        loss, grads = two_layer_loss(params, X[batch], y[batch], reg)
        for name in params:
            params[name] = params[name] - lr * grads[name]
        history.append(loss)
    return params, history

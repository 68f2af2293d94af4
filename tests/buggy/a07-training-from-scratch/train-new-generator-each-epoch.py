"""The shuffling generator is made inside the epoch loop, from the same seed, so every epoch
visits the examples in the same order. The visible test runs one epoch."""
LOSES = ["hidden_train_mlp_trajectory"]


def train_mlp(params, X, y, lr=0.2, epochs=15, batch_size=32, seed=0):
    params = {name: np.array(p, dtype=np.float64) for name, p in params.items()}
    history = []
    for _ in range(epochs):
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(X))
        losses = []
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            p = {name: Tensor(value) for name, value in params.items()}
            loss = cross_entropy((Tensor(X[batch]) @ p["W1"] + p["b1"]).relu() @ p["W2"] + p["b2"], y[batch])
            loss.backward()
            params = {name: params[name] - lr * p[name].grad for name in params}
            losses.append(float(loss.data))
        history.append(float(np.mean(losses)))
    return params, history

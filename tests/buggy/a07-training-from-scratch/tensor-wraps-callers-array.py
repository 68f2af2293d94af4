"""Tensor keeps the caller's float64 array instead of a copy, and train_mlp updates the wrapped
arrays in place (t.data -= lr * t.grad): the caller's parameter arrays are trained too. The visible test
checks that the caller's W1 is unchanged."""
LOSES = ["test_train_mlp"]


class Tensor(Tensor):
    def __init__(self, data, _parents=()):
        super().__init__(data, _parents)
        if isinstance(data, np.ndarray) and data.dtype == np.float64:
            self.data = data


def train_mlp(params, X, y, lr=0.2, epochs=15, batch_size=32, seed=0):
    rng = np.random.default_rng(seed)
    p = {name: Tensor(value) for name, value in params.items()}
    history = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        losses = []
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            for t in p.values():
                t.grad = np.zeros_like(t.data)
            scores = (Tensor(X[batch]) @ p["W1"] + p["b1"]).relu() @ p["W2"] + p["b2"]
            loss = cross_entropy(scores, y[batch])
            loss.backward()
            for t in p.values():
                t.data -= lr * t.grad
            losses.append(float(loss.data))
        history.append(float(np.mean(losses)))
    return {name: t.data.copy() for name, t in p.items()}, history

"""A right answer in another style: the bias folded into the weights as w_0, with a
constant input 1 prepended to every example (the textbook's augmented vectors),
np.einsum for the weighted sums, and np.heaviside for the step."""
LOSES = []


def _augment(x):
    x = np.asarray(x, dtype=float)
    return np.concatenate([np.ones(x.shape[:-1] + (1,)), x], axis=-1)


def neuron_forward(x, w, b, activation="sigmoid"):
    theta = np.concatenate([[b], np.asarray(w, dtype=float)])
    z = np.einsum("...d,d->...", _augment(x), theta)
    if activation == "sigmoid":
        return 0.5 * (1.0 + np.tanh(0.5 * z))
    if activation == "tanh":
        return np.tanh(z)
    if activation == "relu":
        return np.clip(z, 0.0, None)
    if activation == "step":
        return np.heaviside(z, 1.0)
    raise ValueError(f"no activation called {activation!r}")


def perceptron_step(w, b, x, y, lr=1.0):
    theta = np.concatenate([[b], np.asarray(w, dtype=float)])
    x1 = _augment(x)
    theta = theta + lr * (y - np.heaviside(x1 @ theta, 1.0)) * x1
    return theta[1:], theta[0]


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    X1 = _augment(X)
    theta = np.zeros(X1.shape[1])
    history = []
    for _ in range(max_epochs):
        wrong = 0
        for x1, target in zip(X1, y):
            error = target - np.heaviside(x1 @ theta, 1.0)
            wrong += error != 0
            theta = theta + lr * error * x1
        history.append(int(wrong))
        if not wrong:
            break
    return theta[1:], float(theta[0]), history


def count_params(sizes):
    sizes = np.asarray(sizes, dtype=np.int64)
    return int(sizes[:-1] @ sizes[1:]), int(sizes[1:].sum())

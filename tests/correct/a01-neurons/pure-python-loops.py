"""A right answer in another style: plain Python loops over rows and entries, the
math module for the activations, and a mistake counted as "the step changed something"."""
LOSES = []


def _activate(z, activation):
    import math

    if activation == "sigmoid":
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
    if activation == "tanh":
        return math.tanh(z)
    if activation == "relu":
        return z if z > 0 else 0.0
    if activation == "step":
        return 1.0 if z >= 0 else 0.0
    raise ValueError(f"unknown activation {activation!r}")


def _weighted_sum(row, w, b):
    total = b
    for a, c in zip(row, w):
        total += a * c
    return total


def neuron_forward(x, w, b, activation="sigmoid"):
    rows = np.asarray(x, dtype=float)
    if rows.ndim == 1:
        return _activate(_weighted_sum(rows, w, b), activation)
    return np.array([_activate(_weighted_sum(row, w, b), activation) for row in rows])


def perceptron_step(w, b, x, y, lr=1.0):
    error = y - (1 if _weighted_sum(x, w, b) >= 0 else 0)
    return np.array([w_d + lr * error * x_d for w_d, x_d in zip(w, x)]), b + lr * error


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w, b = np.zeros(len(X[0])), 0.0
    history = []
    for _ in range(max_epochs):
        mistakes = 0
        for n in range(len(X)):
            w_new, b_new = perceptron_step(w, b, X[n], y[n], lr)
            mistakes += int(b_new != b)          # a mistake always moves the bias by +-lr
            w, b = w_new, b_new
        history.append(mistakes)
        if mistakes == 0:
            break
    return w, b, history


def count_params(sizes):
    sizes = list(sizes)
    weights, biases = 0, 0
    for layer in range(1, len(sizes)):
        weights += sizes[layer - 1] * sizes[layer]
        biases += sizes[layer]
    return weights, biases

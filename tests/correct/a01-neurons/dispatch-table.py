"""A right answer in another style: a table of activation functions, np.dot, a
while loop for training, and helper functions of the student's own."""
LOSES = []

def _activations():
    return {
        "sigmoid": lambda z: np.exp(-np.logaddexp(0.0, -z)),
        "tanh": np.tanh,
        "relu": lambda z: np.where(z > 0, z, 0.0),
        "step": lambda z: np.heaviside(z, 1.0),
    }


def neuron_forward(x, w, b, activation="sigmoid"):
    table = _activations()
    if activation not in table:
        raise ValueError(f"unknown activation {activation!r}")
    return table[activation](np.dot(np.asarray(x, float), np.asarray(w, float)) + b)


def _predict(w, b, x):
    return 1 if np.dot(w, x) + b >= 0 else 0


def perceptron_step(w, b, x, y, lr=1.0):
    delta = lr * (y - _predict(w, b, x))
    return w + delta * np.asarray(x, float), b + delta


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w, b, history = np.zeros(np.shape(X)[1]), 0.0, []
    while len(history) < max_epochs:
        errors = 0
        for i in range(len(X)):
            errors += _predict(w, b, X[i]) != y[i]
            w, b = perceptron_step(w, b, X[i], y[i], lr)
        history.append(int(errors))
        if errors == 0:
            break
    return w, b, history


def count_params(sizes):
    weights = biases = 0
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        weights += fan_in * fan_out
        biases += fan_out
    return weights, biases

"""count_params splits the sizes into input, hidden layers and output and indexes the
first and last hidden layer, so it crashes on a network without a hidden layer
(e.g. [784, 10]); both visible examples have hidden layers."""
LOSES = ['hidden_count_params_edges']


def count_params(sizes):
    n_in, *hidden, n_out = sizes
    weights = n_in * hidden[0]
    for a, b in zip(hidden[:-1], hidden[1:]):
        weights += a * b
    weights += hidden[-1] * n_out
    biases = sum(hidden) + n_out
    return weights, biases

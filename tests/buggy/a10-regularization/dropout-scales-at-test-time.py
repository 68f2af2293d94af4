"""Dropout as first published, not inverted: training keeps x * mask unscaled, and test mode
multiplies by p instead."""
LOSES = ["test_dropout", "hidden_dropout_core", "hidden_dropout_properties"]


def dropout_forward(x, p, train=True, seed=None, mask=None):
    if not train:
        return x * p, (None, p)
    if mask is None:
        mask = np.random.default_rng(seed).random(x.shape) < p
    return x * mask, (mask, p)


def dropout_backward(dout, cache):
    mask, p = cache
    return dout * p if mask is None else dout * mask

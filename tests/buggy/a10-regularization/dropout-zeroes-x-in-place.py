"""The dropped units are zeroed in x itself (x[~mask] = 0; x /= p), which is then returned: the
caller's activations are changed."""
LOSES = ["test_dropout", "hidden_dropout_core", "hidden_dropout_properties"]


def dropout_forward(x, p, train=True, seed=None, mask=None):
    if not train:
        return x, (None, p)
    if mask is None:
        mask = np.random.default_rng(seed).random(x.shape) < p
    x[~mask] = 0.0
    x /= p
    return x, (mask, p)

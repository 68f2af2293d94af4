"""A drawn mask is kept on the function and reused while the shape stays the same, to save
drawing it: every training step then drops the same units. The visible test draws twice with
the same shape, so it loses that cell too."""
LOSES = ["test_dropout", "hidden_dropout_core", "hidden_dropout_properties"]


def dropout_forward(x, p, train=True, seed=None, mask=None):
    if not train:
        return np.array(x, dtype=float), (None, p)
    if mask is None:
        saved = getattr(dropout_forward, "saved", None)
        if saved is None or saved.shape != np.shape(x):
            dropout_forward.saved = np.random.default_rng(seed).random(np.shape(x)) < p
        mask = dropout_forward.saved
    return x * mask / p, (mask, p)

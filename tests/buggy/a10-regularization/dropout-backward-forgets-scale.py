"""The backward pass masks the gradient but forgets the 1 / p of the forward pass."""
LOSES = ["test_dropout", "hidden_dropout_core", "hidden_dropout_properties"]


def dropout_backward(dout, cache):
    mask, p = cache
    return np.array(dout, dtype=float) if mask is None else dout * mask

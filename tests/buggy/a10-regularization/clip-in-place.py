"""The gradients are clipped in place (np.clip with out=, and *=), and the caller's dict is
returned."""
LOSES = ["test_clip_gradients", "hidden_clip_gradients_edges"]


def clip_gradients(grads, max_value=None, max_norm=None):
    if max_value is not None:
        for g in grads.values():
            np.clip(g, -max_value, max_value, out=g)
    if max_norm is not None:
        norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
        if norm > max_norm:
            for g in grads.values():
                g *= max_norm / norm
    return grads

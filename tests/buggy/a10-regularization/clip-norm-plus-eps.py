"""Clipping by norm scales by max_norm / (norm + 1e-6), as PyTorch's clip_grad_norm_ does: the
clipped norm is a little below max_norm, not equal to it, and a norm just above max_norm is
scaled below it. The visible test shows the difference on gradients of size 1e-6."""
LOSES = ["test_clip_gradients", "hidden_clip_gradients_core"]


def clip_gradients(grads, max_value=None, max_norm=None):
    out = {name: np.array(g, dtype=float) for name, g in grads.items()}
    if max_value is not None:
        out = {name: np.clip(g, -max_value, max_value) for name, g in out.items()}
    if max_norm is not None:
        norm = np.sqrt(sum(np.sum(g ** 2) for g in out.values()))
        if norm > max_norm:
            out = {name: g * (max_norm / (norm + 1e-6)) for name, g in out.items()}
    return out

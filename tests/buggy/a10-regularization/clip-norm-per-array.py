"""Clipping by norm scales each array by its own norm (TensorFlow's clip_by_norm), not by the
global norm of all of them together."""
LOSES = ["test_clip_gradients", "hidden_clip_gradients_core"]


def clip_gradients(grads, max_value=None, max_norm=None):
    out = {}
    for name, g in grads.items():
        g = np.array(g, dtype=float)
        if max_value is not None:
            g = np.clip(g, -max_value, max_value)
        if max_norm is not None and np.linalg.norm(g) > max_norm:
            g = g * max_norm / np.linalg.norm(g)
        out[name] = g
    return out

"""The cache is updated in place (cache += dw**2) and the same dict returned: the path is
right, but the caller's old state changes under it."""
LOSES = ["test_adagrad", "hidden_adagrad_properties"]


def adagrad(w, dw, state, lr=0.01, eps=1e-8):
    if state is None:
        state = {"cache": np.zeros_like(w)}
    state["cache"] += dw ** 2
    return w - lr * dw / (np.sqrt(state["cache"]) + eps), state

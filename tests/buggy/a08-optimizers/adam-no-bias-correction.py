"""Adam without the bias correction: m / (sqrt(v) + eps). The visible test's iterates
differ at step 1, so it fails too."""
LOSES = ["test_adam", "hidden_adam_core", "hidden_adam_properties"]


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        state = {"m": np.zeros_like(w), "v": np.zeros_like(w), "t": 0}
    m = beta1 * state["m"] + (1 - beta1) * dw
    v = beta2 * state["v"] + (1 - beta2) * dw ** 2
    return w - lr * m / (np.sqrt(v) + eps), {"m": m, "v": v, "t": state["t"] + 1}

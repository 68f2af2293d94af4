"""eps inside the square root of the corrected second moment, sqrt(v_hat + eps). Invisible
with the default eps and gradients of size 1 (the visible test); the hidden cells use a
larger eps and tiny gradients."""
LOSES = ["hidden_adam_core", "hidden_adam_properties"]


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        state = {"m": np.zeros_like(w), "v": np.zeros_like(w), "t": 0}
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * dw
    v = beta2 * state["v"] + (1 - beta2) * dw ** 2
    return w - lr * (m / (1 - beta1 ** t)) / np.sqrt(v / (1 - beta2 ** t) + eps), {"m": m, "v": v, "t": t}

"""beta2 is written as the constant 0.999 inside the function, so a caller's beta2 is
silently ignored. The visible test uses the default."""
LOSES = ["hidden_adam_core", "hidden_adam_properties"]


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        state = {"m": np.zeros_like(w), "v": np.zeros_like(w), "t": 0}
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * dw
    v = 0.999 * state["v"] + (1 - 0.999) * dw ** 2
    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + eps), {"m": m, "v": v, "t": t}

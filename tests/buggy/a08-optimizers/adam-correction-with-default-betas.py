"""The moving averages use the beta1 and beta2 passed in, but the bias correction divides by
1 - 0.9 ** t and 1 - 0.999 ** t, the defaults: right whenever the defaults are used, as in the
visible test, wrong for any other beta."""
LOSES = ["hidden_adam_core", "hidden_adam_properties"]


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        state = {"m": np.zeros_like(w), "v": np.zeros_like(w), "t": 0}
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * dw
    v = beta2 * state["v"] + (1 - beta2) * dw ** 2
    m_hat = m / (1 - 0.9 ** t)
    v_hat = v / (1 - 0.999 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"m": m, "v": v, "t": t}

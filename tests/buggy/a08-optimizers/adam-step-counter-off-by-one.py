"""The step counter is advanced twice: t = state["t"] + 1, then the correction uses t + 1,
so the first step is corrected with t = 2. The state's t is right, but the iterates are
not: the visible test catches it at step 1, and so do the hidden trajectories."""
LOSES = ["test_adam", "hidden_adam_core", "hidden_adam_properties"]


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        state = {"m": np.zeros_like(w), "v": np.zeros_like(w), "t": 0}
    t = state["t"] + 1
    m = beta1 * state["m"] + (1 - beta1) * dw
    v = beta2 * state["v"] + (1 - beta2) * dw ** 2
    m_hat = m / (1 - beta1 ** (t + 1))
    v_hat = v / (1 - beta2 ** (t + 1))
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"m": m, "v": v, "t": t}

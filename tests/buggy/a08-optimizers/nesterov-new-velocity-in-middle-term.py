"""The middle term uses the new velocity: w - mu * v_new + (1 + mu) * v_new = w + v_new,
which is plain momentum: its first step is w + v_new instead of w + 1.9 v_new, so the
visible test catches it, and so do the hidden ones."""
LOSES = ["test_nesterov", "hidden_nesterov_core", "hidden_nesterov_properties"]


def nesterov(w, dw, state, lr=0.01, mu=0.9):
    v = np.zeros_like(w) if state is None else state["v"]
    v = mu * v - lr * dw
    return w - mu * v + (1 + mu) * v, {"v": v}

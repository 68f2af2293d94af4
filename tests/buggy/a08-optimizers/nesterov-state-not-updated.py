"""The step is right, but the state returned is the velocity it was given, not the new
one: the velocity stays 0 and every step is a first step. The visible test follows a
single step (and says so), the hidden ones whole trajectories."""
LOSES = ["hidden_nesterov_core", "hidden_nesterov_properties"]


def nesterov(w, dw, state, lr=0.01, mu=0.9):
    v = np.zeros_like(w) if state is None else state["v"]
    v_next = mu * v - lr * dw
    return w - mu * v + (1 + mu) * v_next, {"v": v}

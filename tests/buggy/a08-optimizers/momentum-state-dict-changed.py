"""The velocity is written back into the caller's state dict (state["v"] = v) and that dict is
returned: every number is right, but the caller's old state now holds the new velocity, so a
step repeated from it, or two parameter arrays sharing a state, go wrong."""
LOSES = ["test_momentum", "hidden_momentum_properties"]


def momentum(w, dw, state, lr=0.01, mu=0.9):
    if state is None:
        state = {"v": np.zeros_like(w)}
    state["v"] = mu * state["v"] - lr * dw
    return w + state["v"], state

"""The velocity is made afresh at every step (v = -lr * dw) and the state is returned but
never read: plain gradient descent under momentum's name. The first step is right; the
visible test catches it at step 2, and the hidden trajectories fail too."""
LOSES = ["test_momentum", "hidden_momentum_core", "hidden_momentum_properties"]


def momentum(w, dw, state, lr=0.01, mu=0.9):
    v = mu * np.zeros_like(w) - lr * dw
    return w + v, {"v": v}

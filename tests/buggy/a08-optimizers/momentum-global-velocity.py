"""The velocity lives on the function object (momentum.velocity), reset when state is
None, instead of in the state: one optimization at a time works, two stepped in turn
share one velocity."""
LOSES = ["hidden_momentum_properties"]


def momentum(w, dw, state, lr=0.01, mu=0.9):
    if state is None:
        momentum.velocity = np.zeros_like(w)
    momentum.velocity = mu * momentum.velocity - lr * dw
    return w + momentum.velocity, {"v": momentum.velocity}

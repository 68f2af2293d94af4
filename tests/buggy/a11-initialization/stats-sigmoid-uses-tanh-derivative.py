"""The backward pass uses 1 - h**2 for every activation other than ReLU, sigmoid included
(whose derivative is h * (1 - h)). The visible tests use tanh and ReLU only."""
LOSES = ["hidden_layer_statistics_core"]


def layer_statistics(X, weights, activation="tanh", dout=None):
    f = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0), "sigmoid": lambda z: 1 / (1 + np.exp(-z))}[activation]
    hs = [X]
    for W in weights:
        hs.append(f(hs[-1] @ W))
    dh = np.ones_like(hs[-1]) if dout is None else dout
    grad_std = []
    for l in reversed(range(len(weights))):
        dz = dh * (hs[l + 1] > 0) if activation == "relu" else dh * (1 - hs[l + 1] ** 2)
        grad_std.append(np.std(hs[l].T @ dz))
        dh = dz @ weights[l].T
    return {"act_mean": np.array([h.mean() for h in hs[1:]]), "act_std": np.array([h.std() for h in hs[1:]]),
            "grad_std": np.array(grad_std[::-1])}

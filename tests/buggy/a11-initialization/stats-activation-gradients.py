"""grad_std reports the spread of the gradient with respect to each layer's input activations
(dL/dh_l) instead of its weights (dL/dW_l)."""
LOSES = ["test_layer_statistics", "hidden_layer_statistics_core"]


def layer_statistics(X, weights, activation="tanh", dout=None):
    f = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0), "sigmoid": lambda z: 1 / (1 + np.exp(-z))}[activation]
    hs = [X]
    for W in weights:
        hs.append(f(hs[-1] @ W))
    dh = np.ones_like(hs[-1]) if dout is None else dout
    grad_std = []
    for l in reversed(range(len(weights))):
        h = hs[l + 1]
        dz = dh * {"tanh": 1 - h ** 2, "relu": h > 0, "sigmoid": h * (1 - h)}[activation]
        dh = dz @ weights[l].T
        grad_std.append(np.std(dh))
    return {"act_mean": np.array([h.mean() for h in hs[1:]]), "act_std": np.array([h.std() for h in hs[1:]]),
            "grad_std": np.array(grad_std[::-1])}

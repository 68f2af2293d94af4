"""The sigmoid is written as exp(z) / (1 + exp(z)), which is right for moderate z but
overflows to inf / inf = nan for large positive weighted sums (z = 1000)."""
LOSES = ['hidden_neuron_forward_extremes']


def neuron_forward(x, w, b, activation="sigmoid"):
    z = np.asarray(x, dtype=np.float64) @ np.asarray(w, dtype=np.float64) + b
    if activation == "sigmoid":
        return np.exp(z) / (1 + np.exp(z))
    if activation == "tanh":
        return np.tanh(z)
    if activation == "relu":
        return np.maximum(0.0, z)
    if activation == "step":
        return np.where(z >= 0, 1.0, 0.0)
    raise ValueError(f"unknown activation {activation!r}")

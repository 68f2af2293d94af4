"""The step activation uses z > 0 instead of the course's z >= 0, so step(0) = 0:
wrong exactly at a weighted sum of zero. The visible test teaches the convention with one
z = 0, so the variant loses it too."""
LOSES = ['test_neuron_forward', 'hidden_neuron_forward_extremes']


def neuron_forward(x, w, b, activation="sigmoid"):
    z = np.asarray(x, dtype=np.float64) @ np.asarray(w, dtype=np.float64) + b
    if activation == "sigmoid":
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if activation == "tanh":
        return np.tanh(z)
    if activation == "relu":
        return np.maximum(0.0, z)
    if activation == "step":
        return (z > 0).astype(np.float64)
    raise ValueError(f"unknown activation {activation!r}")

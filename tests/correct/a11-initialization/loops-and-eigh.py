"""A right answer with loops and other numpy routes: Xavier as a * (2 u - 1) from rng.random, He as
std * rng.standard_normal, the statistics from lists built layer by layer with derivatives written
from z, a standardization by explicit sums, and whitening by np.linalg.eigh reversed."""
LOSES = []


def init_weights(fan_in, fan_out, method="xavier", seed=0):
    rng = np.random.default_rng(seed)
    if method == "xavier":
        a = (6.0 / (fan_in + fan_out)) ** 0.5
        return a * (2.0 * rng.random((fan_in, fan_out)) - 1.0)
    elif method == "he":
        return (2.0 / fan_in) ** 0.5 * rng.standard_normal((fan_in, fan_out))
    else:
        raise ValueError("method must be 'xavier' or 'he'")


def layer_statistics(X, weights, activation="tanh", dout=None):
    zs, hs = [], [X]
    for W in weights:
        z = hs[-1] @ W
        zs.append(z)
        if activation == "relu":
            hs.append(np.where(z > 0, z, 0.0))
        elif activation == "tanh":
            hs.append(np.tanh(z))
        else:
            hs.append(0.5 * (1 + np.tanh(z / 2)))
    means = [float(np.mean(h)) for h in hs[1:]]
    stds = [float(np.sqrt(np.mean((h - h.mean()) ** 2))) for h in hs[1:]]
    grads = [0.0] * len(weights)
    g = np.ones(hs[-1].shape) if dout is None else np.array(dout, dtype=float)
    for l in range(len(weights) - 1, -1, -1):
        z = zs[l]
        if activation == "relu":
            d = (z > 0).astype(float)
        elif activation == "tanh":
            d = 1.0 / np.cosh(z) ** 2
        else:
            s = 0.5 * (1 + np.tanh(z / 2))
            d = s * (1 - s)
        g = g * d
        dW = hs[l].T @ g
        grads[l] = float(np.sqrt(np.mean((dW - dW.mean()) ** 2)))
        g = g @ weights[l].T
    return {"act_mean": np.array(means), "act_std": np.array(stds), "grad_std": np.array(grads)}


def standardize(X_train, X_other, eps=1e-8):
    n = X_train.shape[0]
    mean = X_train.sum(axis=0) / n
    std = np.sqrt(((X_train - mean) ** 2).sum(axis=0) / n)
    return (X_train - mean) / (std + eps), (X_other - mean) / (std + eps)


def whiten(X_train, X_other, eps=1e-5):
    mu = X_train.mean(axis=0)
    Xc = X_train - mu
    S, U = np.linalg.eigh(Xc.T @ Xc / len(Xc))
    order = np.argsort(S)[::-1]
    S, U = S[order], U[:, order]
    return Xc @ U / np.sqrt(S + eps), (X_other - mu) @ U / np.sqrt(S + eps)

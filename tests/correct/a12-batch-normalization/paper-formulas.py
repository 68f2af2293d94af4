"""A right answer with the batch-norm paper's formulas written out: dL/dvar and dL/dmu first,
then dx from the three paths; the running averages as an exponential moving average written
`old + (1 - momentum) * (new - old)`; einsum for the sums; and a network whose cross-entropy uses
np.logaddexp.reduce per row."""
LOSES = []


def batchnorm_forward(x, gamma, beta, state=None, train=True, momentum=0.9, eps=1e-5):
    d = x.shape[1]
    old = state if state is not None else {"running_mean": np.zeros(d), "running_var": np.ones(d)}
    if not train:
        xhat = (x - old["running_mean"]) / np.sqrt(old["running_var"] + eps)
        return gamma * xhat + beta, (False, x, xhat, old["running_mean"], old["running_var"], gamma, eps), dict(old)
    m = len(x)
    mu = np.einsum("nd->d", x) / m
    var = np.einsum("nd,nd->d", x - mu, x - mu) / m
    xhat = (x - mu) / np.sqrt(var + eps)
    new = {"running_mean": old["running_mean"] + (1 - momentum) * (mu - old["running_mean"]),
           "running_var": old["running_var"] + (1 - momentum) * (var * m / (m - 1) - old["running_var"])}
    return gamma * xhat + beta, (True, x, xhat, mu, var, gamma, eps), new


def batchnorm_backward(dout, cache):
    train, x, xhat, mu, var, gamma, eps = cache
    dxhat = dout * gamma
    dgamma, dbeta = np.einsum("nd,nd->d", dout, xhat), np.einsum("nd->d", dout)
    if not train:
        return dxhat / np.sqrt(var + eps), dgamma, dbeta
    m = len(x)
    dvar = np.einsum("nd,nd->d", dxhat, x - mu) * -0.5 * (var + eps) ** -1.5
    dmu = -np.einsum("nd->d", dxhat) / np.sqrt(var + eps) + dvar * np.einsum("nd->d", -2 * (x - mu)) / m
    return dxhat / np.sqrt(var + eps) + dvar * 2 * (x - mu) / m + dmu / m, dgamma, dbeta


def bn_net_loss(params, X, y):
    z = X @ params["W1"]
    a, cache, state = batchnorm_forward(z, params["gamma"], params["beta"], params.get("bn_state"))
    h = np.where(a > 0, a, 0.0)
    s = h @ params["W2"] + params["b2"]
    lse = np.array([np.logaddexp.reduce(row) for row in s])
    rows = np.arange(len(y))
    loss = float(np.mean(lse - s[rows, y]))
    ds = np.exp(s - lse[:, None])
    ds[rows, y] -= 1.0
    ds /= len(y)
    dz, dgamma, dbeta = batchnorm_backward(np.where(a > 0, ds @ params["W2"].T, 0.0), cache)
    return loss, {"W1": X.T @ dz, "gamma": dgamma, "beta": dbeta, "W2": h.T @ ds, "b2": ds.sum(axis=0)}, state

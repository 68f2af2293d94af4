"""A right answer in CS231n's staged style: the forward pass as a chain of small steps kept in a
dict cache with the mode as a string, and a backward pass that walks the chain back step by step
(through the centred x, the variance, the square root and its reciprocal)."""
LOSES = []


def batchnorm_forward(x, gamma, beta, state=None, train=True, momentum=0.9, eps=1e-5):
    n, d = x.shape
    running_mean = np.zeros(d) if state is None else state["running_mean"]
    running_var = np.ones(d) if state is None else state["running_var"]
    if train:
        mu = np.sum(x, axis=0) / n
        xmu = x - mu
        var = np.sum(xmu ** 2, axis=0) / n
        sqrtvar = np.sqrt(var + eps)
        ivar = 1.0 / sqrtvar
        xhat = xmu * ivar
        new_state = {"running_mean": momentum * running_mean + (1.0 - momentum) * mu,
                     "running_var": momentum * running_var + (1.0 - momentum) * np.sum(xmu ** 2, axis=0) / (n - 1)}
        cache = {"mode": "train", "xhat": xhat, "xmu": xmu, "ivar": ivar, "sqrtvar": sqrtvar, "gamma": gamma}
    else:
        ivar = 1.0 / np.sqrt(running_var + eps)
        xhat = (x - running_mean) * ivar
        new_state = {"running_mean": running_mean.copy(), "running_var": running_var.copy()}
        cache = {"mode": "test", "xhat": xhat, "ivar": ivar, "gamma": gamma}
    return xhat * gamma + beta, cache, new_state


def batchnorm_backward(dout, cache):
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * cache["xhat"], axis=0)
    dxhat = dout * cache["gamma"]
    if cache["mode"] == "test":
        return dxhat * cache["ivar"], dgamma, dbeta
    n = dout.shape[0]
    dxmu1 = dxhat * cache["ivar"]
    divar = np.sum(dxhat * cache["xmu"], axis=0)
    dsqrtvar = -divar / cache["sqrtvar"] ** 2
    dvar = 0.5 * dsqrtvar / cache["sqrtvar"]
    dsq = np.ones_like(dout) * dvar / n
    dxmu2 = 2 * cache["xmu"] * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -np.sum(dx1, axis=0)
    dx2 = np.ones_like(dout) * dmu / n
    return dx1 + dx2, dgamma, dbeta

"""The forward pass caches its output instead of x_hat, and the backward pass recovers
x_hat = (out - beta) / gamma: exact while no gamma entry is 0, nan (0 / 0) for a feature whose
gamma is 0, where the gradients of the other parameters are still defined."""
LOSES = ["test_bn_net_loss", "hidden_batchnorm_backward_edges"]


def batchnorm_forward(x, gamma, beta, state=None, train=True, momentum=0.9, eps=1e-5):
    if state is None:
        state = {"running_mean": np.zeros(x.shape[1]), "running_var": np.ones(x.shape[1])}
    if train:
        n = x.shape[0]
        mean, var = x.mean(axis=0), x.var(axis=0)
        state_next = {"running_mean": momentum * state["running_mean"] + (1 - momentum) * mean,
                      "running_var": momentum * state["running_var"] + (1 - momentum) * var * n / (n - 1)}
    else:
        mean, var = state["running_mean"], state["running_var"]
        state_next = {k: np.array(v, dtype=float) for k, v in state.items()}
    inv_std = 1.0 / np.sqrt(var + eps)
    out = gamma * (x - mean) * inv_std + beta
    return out, (out, gamma, beta, inv_std, train), state_next


def batchnorm_backward(dout, cache):
    out, gamma, beta, inv_std, train = cache
    with np.errstate(all="ignore"):
        x_hat = (out - beta) / gamma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    g = dout * gamma
    if not train:
        return g * inv_std, dgamma, dbeta
    n = dout.shape[0]
    return inv_std / n * (n * g - g.sum(axis=0) - x_hat * (g * x_hat).sum(axis=0)), dgamma, dbeta

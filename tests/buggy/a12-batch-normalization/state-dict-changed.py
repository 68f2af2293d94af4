"""The running averages are new arrays, but they replace the entries of the caller's state dict
(state["running_mean"] = ...), which is returned: the caller's state moves under it."""
LOSES = ["test_bn_net_loss", "hidden_batchnorm_forward_properties", "hidden_bn_net_loss_state"]


def batchnorm_forward(x, gamma, beta, state=None, train=True, momentum=0.9, eps=1e-5):
    if state is None:
        state = {"running_mean": np.zeros(x.shape[1]), "running_var": np.ones(x.shape[1])}
    if train:
        n = x.shape[0]
        mean, var = x.mean(axis=0), x.var(axis=0)
        state["running_mean"] = momentum * state["running_mean"] + (1 - momentum) * mean
        state["running_var"] = momentum * state["running_var"] + (1 - momentum) * var * n / (n - 1)
    else:
        mean, var = state["running_mean"], state["running_var"]
        state = {"running_mean": mean.copy(), "running_var": var.copy()}
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    out = gamma * x_hat + beta
    cache = (x_hat, gamma, inv_std, train)
    return out, cache, state

"""The running averages are updated in place (*=, +=) in the caller's state dict, which is then
returned: right values, but the caller's state changes under it. The visible test starts from None."""
LOSES = ["test_bn_net_loss", "hidden_batchnorm_forward_properties", "hidden_bn_net_loss_state"]


def batchnorm_forward(x, gamma, beta, state=None, train=True, momentum=0.9, eps=1e-5):
    if state is None:
        state = {"running_mean": np.zeros(x.shape[1]), "running_var": np.ones(x.shape[1])}
    if train:
        n = x.shape[0]
        mean, var = x.mean(axis=0), x.var(axis=0)
        state["running_mean"] *= momentum
        state["running_mean"] += (1 - momentum) * mean
        state["running_var"] *= momentum
        state["running_var"] += (1 - momentum) * var * n / (n - 1)
        state_next = state
    else:
        mean, var = state["running_mean"], state["running_var"]
        state_next = {"running_mean": mean.copy(), "running_var": var.copy()}
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std, train), state_next

"""The batch is normalized with the unbiased variance (ddof=1) instead of the biased one, so the
columns of x_hat have variance (N - 1) / N, not 1."""
LOSES = ["test_batchnorm_forward", "hidden_batchnorm_forward_core", "hidden_batchnorm_forward_running",
         "test_batchnorm_backward", "hidden_batchnorm_backward_core", "hidden_batchnorm_backward_edges",
         "test_bn_net_loss", "hidden_bn_net_loss_core", "hidden_bn_net_loss_edges"]


def batchnorm_forward(x, gamma, beta, state=None, train=True, momentum=0.9, eps=1e-5):
    if state is None:
        state = {"running_mean": np.zeros(x.shape[1]), "running_var": np.ones(x.shape[1])}
    if train:
        mean, var = x.mean(axis=0), x.var(axis=0, ddof=1)
        state_next = {"running_mean": momentum * state["running_mean"] + (1 - momentum) * mean,
                      "running_var": momentum * state["running_var"] + (1 - momentum) * var}
    else:
        mean, var = state["running_mean"], state["running_var"]
        state_next = {"running_mean": mean.copy(), "running_var": var.copy()}
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std, train), state_next

"""The backward pass divides by the batch's standard deviation without eps (x.std), while the
forward pass divided by sqrt(var + eps): invisible on ordinary features, wrong on a feature whose
variance is near eps, or below about 0.1 (where eps changes 1 / std by more than the check allows)."""
LOSES = ["hidden_batchnorm_backward_core", "hidden_batchnorm_backward_edges"]


def batchnorm_forward(x, gamma, beta, state=None, train=True, momentum=0.9, eps=1e-5):
    if state is None:
        state = {"running_mean": np.zeros(x.shape[1]), "running_var": np.ones(x.shape[1])}
    if train:
        n = x.shape[0]
        mean, var = x.mean(axis=0), x.var(axis=0)
        state_next = {"running_mean": momentum * state["running_mean"] + (1 - momentum) * mean,
                      "running_var": momentum * state["running_var"] + (1 - momentum) * var * n / (n - 1)}
        scale = 1.0 / x.std(axis=0)
    else:
        mean, var = state["running_mean"], state["running_var"]
        state_next = {"running_mean": mean.copy(), "running_var": var.copy()}
        scale = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) / np.sqrt(var + eps)
    return gamma * x_hat + beta, (x_hat, gamma, scale, train), state_next

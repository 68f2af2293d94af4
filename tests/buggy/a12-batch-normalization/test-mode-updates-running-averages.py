"""Test mode normalizes with the running averages, as it should, but then also folds the test
batch's statistics into them, as if it were training."""
LOSES = ["test_batchnorm_forward", "hidden_batchnorm_forward_running"]


def batchnorm_forward(x, gamma, beta, state=None, train=True, momentum=0.9, eps=1e-5):
    if state is None:
        state = {"running_mean": np.zeros(x.shape[1]), "running_var": np.ones(x.shape[1])}
    n = x.shape[0]
    mean, var = x.mean(axis=0), x.var(axis=0)
    state_next = {"running_mean": momentum * state["running_mean"] + (1 - momentum) * mean,
                  "running_var": momentum * state["running_var"] + (1 - momentum) * var * n / max(n - 1, 1)}
    if not train:
        mean, var = state["running_mean"], state["running_var"]
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std, train), state_next

"""The backward pass always uses the training-mode formula, also for a cache made in test mode,
where the statistics are constants. The visible test checks training mode only."""
LOSES = ["hidden_batchnorm_backward_edges"]


def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std, train = cache
    g = dout * gamma
    n = dout.shape[0]
    dx = inv_std / n * (n * g - g.sum(axis=0) - x_hat * (g * x_hat).sum(axis=0))
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)

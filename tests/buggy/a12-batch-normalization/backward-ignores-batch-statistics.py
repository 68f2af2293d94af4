"""The backward pass treats the batch mean and variance as constants in training mode too:
dx = dout * gamma / sqrt(var + eps), the test-mode formula. The gradient check of dx fails."""
LOSES = ["test_batchnorm_backward", "hidden_batchnorm_backward_core", "hidden_batchnorm_backward_edges",
         "test_bn_net_loss", "hidden_bn_net_loss_core"]


def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std, train = cache
    return dout * gamma * inv_std, (dout * x_hat).sum(axis=0), dout.sum(axis=0)

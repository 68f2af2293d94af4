"""The mean and variance are taken over the whole array, x.mean() and x.var(), instead of over each
vector's features. With one vector (the visible test) the two are the same."""
LOSES = ["hidden_layer_norm_forward_core", "hidden_layer_norm_forward_edges", "test_layer_norm_backward",
         "hidden_layer_norm_backward_core", "hidden_layer_norm_backward_edges", "test_transformer_block_loss",
         "hidden_transformer_block_loss_core", "hidden_transformer_block_loss_edges",
         "hidden_transformer_block_loss_training"]


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    inv = 1 / np.sqrt(x.var() + eps)
    xhat = (x - x.mean()) * inv
    return xhat * gamma + beta, (xhat, inv, gamma)

"""eps is added to the standard deviation, (x - mean) / (std + eps), instead of to the variance under
the square root."""
LOSES = ["test_layer_norm_forward", "hidden_layer_norm_forward_core", "hidden_layer_norm_forward_edges",
         "test_layer_norm_backward", "hidden_layer_norm_backward_core", "hidden_layer_norm_backward_edges",
         "test_transformer_block_loss", "hidden_transformer_block_loss_core", "hidden_transformer_block_loss_edges"]


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    inv = 1 / (x.std(axis=-1, keepdims=True) + eps)
    xhat = (x - mu) * inv
    return xhat * gamma + beta, (xhat, inv, gamma)

"""The scores are not divided by sqrt(d) (and the backward pass matches that forward pass)."""
LOSES = ["test_attention_forward", "hidden_attention_forward_core", "hidden_attention_forward_edges",
         "hidden_attention_backward_core", "test_transformer_block_loss", "hidden_transformer_block_loss_core",
         "hidden_transformer_block_loss_edges", "hidden_transformer_block_loss_training"]


def attention_forward(q, k, v, mask=None):
    s = q @ k.transpose(0, 2, 1)
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    a = np.exp(s - s.max(axis=2, keepdims=True))
    a = a / a.sum(axis=2, keepdims=True)
    return a @ v, (q, k, v, a)


def attention_backward(dout, cache):
    q, k, v, a = cache
    da = dout @ v.transpose(0, 2, 1)
    ds = a * (da - (da * a).sum(axis=2, keepdims=True))
    return ds @ k, ds.transpose(0, 2, 1) @ q, a.transpose(0, 2, 1) @ dout

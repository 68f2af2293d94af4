"""The softmax's backward pass subtracts the plain sum of the row's gradients, da - da.sum(), instead
of the weighted one, da - (a * da).sum()."""
LOSES = ["test_attention_backward", "hidden_attention_backward_core", "hidden_attention_backward_edges",
         "test_transformer_block_loss", "hidden_transformer_block_loss_core", "hidden_transformer_block_loss_edges",
         "hidden_transformer_block_loss_training"]


def attention_backward(dout, cache):
    q, k, v, a = cache
    da = dout @ v.transpose(0, 2, 1)
    ds = a * (da - da.sum(axis=2, keepdims=True)) / np.sqrt(q.shape[2])
    return ds @ k, ds.transpose(0, 2, 1) @ q, a.transpose(0, 2, 1) @ dout

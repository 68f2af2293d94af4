"""dW[ids] += dout: numpy buffers the assignment, so a symbol that occurs twice keeps only the last
of its gradients. With every symbol once (the visible test) nothing is lost."""
LOSES = ["hidden_embedding_backward_core", "hidden_embedding_backward_edges", "test_transformer_block_loss",
         "hidden_transformer_block_loss_core", "hidden_transformer_block_loss_edges"]


def embedding_backward(dout, cache):
    ids, shape = cache
    dW = np.zeros(shape)
    dW[ids] += dout
    return dW

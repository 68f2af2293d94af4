"""rnn_forward wants the batch first, as CS231n's layers have it, and gets it with x.reshape(N, T, D)
instead of x.transpose(1, 0, 2): the numbers of different sequences and steps are mixed up. With one
sequence in the batch (the visible test of rnn_forward) the reshape changes nothing; the backward pass, checked on
batches of two, then differentiates the wrong numbers."""
LOSES = ["hidden_rnn_forward_core", "test_rnn_backward", "hidden_rnn_backward_core", "hidden_rnn_backward_edges",
         "test_rnn_sequence_loss", "hidden_rnn_sequence_loss_core", "hidden_rnn_sequence_loss_edges",
         "hidden_rnn_sequence_loss_training"]


def rnn_forward(x, h0, Wx, Wh, b):
    T, N, D = x.shape
    xs = x.reshape(N, T, D)
    h = np.zeros((N, T, Wh.shape[0]))
    prev = h0
    for t in range(T):
        prev = np.tanh(xs[:, t] @ Wx + prev @ Wh + b)
        h[:, t] = prev
    out = h.reshape(T, N, -1)
    return out, (x, h0, Wx, Wh, out)

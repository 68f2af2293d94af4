"""Each step uses only dh[t], the gradient from the layer above, and forgets what the next step
sends back through Wh: backpropagation without the 'through time'."""
LOSES = ["test_rnn_backward", "hidden_rnn_backward_core", "hidden_rnn_backward_edges", "test_rnn_sequence_loss",
         "hidden_rnn_sequence_loss_core", "hidden_rnn_sequence_loss_training"]


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, h = cache
    dx = np.zeros(x.shape)
    dWx, dWh, db = np.zeros(Wx.shape), np.zeros(Wh.shape), np.zeros(Wh.shape[0])
    dh0 = np.zeros(h0.shape)
    for t in reversed(range(x.shape[0])):
        dz = dh[t] * (1 - h[t] ** 2)
        prev = h[t - 1] if t > 0 else h0
        dx[t] = dz @ Wx.T
        dWx += x[t].T @ dz
        dWh += prev.T @ dz
        db += dz.sum(axis=0)
        if t == 0:
            dh0 = dz @ Wh.T
    return dx, dh0, dWx, dWh, db

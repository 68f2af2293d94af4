"""BPTT stops one step early: the loop runs range(T - 1, 0, -1), so step 0 never sends its gradient
back (dh0 stays zero) and adds nothing to dx[0] or to the weights' gradients."""
LOSES = ["test_rnn_backward", "hidden_rnn_backward_core", "hidden_rnn_backward_edges", "test_rnn_sequence_loss",
         "hidden_rnn_sequence_loss_core"]


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, h = cache
    dx = np.zeros(x.shape)
    dWx, dWh, db = np.zeros(Wx.shape), np.zeros(Wh.shape), np.zeros(Wh.shape[0])
    dnext = np.zeros(h0.shape)
    for t in range(x.shape[0] - 1, 0, -1):
        dz = (dh[t] + dnext) * (1 - h[t] ** 2)
        dx[t] = dz @ Wx.T
        dWx += x[t].T @ dz
        dWh += h[t - 1].T @ dz
        db += dz.sum(axis=0)
        dnext = dz @ Wh.T
    return dx, dnext, dWx, dWh, db

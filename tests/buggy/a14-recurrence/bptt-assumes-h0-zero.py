"""The backward pass takes the state before step 0 to be zeros instead of the h0 it was given, so
dWh misses step 0's share h0.T @ dz_0. With h0 = 0 (the visible test) that share is zero anyway."""
LOSES = ["hidden_rnn_backward_core", "hidden_rnn_backward_edges"]


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, h = cache
    dx = np.zeros(x.shape)
    dWx, dWh, db = np.zeros(Wx.shape), np.zeros(Wh.shape), np.zeros(Wh.shape[0])
    dnext = np.zeros(h0.shape)
    for t in reversed(range(x.shape[0])):
        dz = (dh[t] + dnext) * (1 - h[t] ** 2)
        prev = h[t - 1] if t > 0 else np.zeros(h0.shape)
        dx[t] = dz @ Wx.T
        dWx += x[t].T @ dz
        dWh += prev.T @ dz
        db += dz.sum(axis=0)
        dnext = dz @ Wh.T
    return dx, dnext, dWx, dWh, db

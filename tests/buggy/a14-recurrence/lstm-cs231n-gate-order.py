"""The gates in CS231n's order i, f, o, g instead of the course's i, f, g, o (and the backward pass
to match: the backward pass is right for that forward pass, so its visible gradient check passes)."""
LOSES = ["test_lstm_step_forward", "hidden_lstm_step_forward_core", "hidden_lstm_step_forward_edges",
         "hidden_lstm_step_backward_core", "hidden_lstm_step_backward_edges"]


def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[1]
    a = x @ Wx + h_prev @ Wh + b
    i = 1 / (1 + np.exp(-a[:, :H]))
    f = 1 / (1 + np.exp(-a[:, H:2 * H]))
    o = 1 / (1 + np.exp(-a[:, 2 * H:3 * H]))
    g = np.tanh(a[:, 3 * H:])
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, c)


def lstm_step_backward(dh, dc, cache):
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, c = cache
    tc = np.tanh(c)
    dc_total = dc + dh * o * (1 - tc ** 2)
    da = np.concatenate([dc_total * g * i * (1 - i), dc_total * c_prev * f * (1 - f),
                         dh * tc * o * (1 - o), dc_total * i * (1 - g ** 2)], axis=1)
    return da @ Wx.T, da @ Wh.T, dc_total * f, x.T @ da, h_prev.T @ da, da.sum(axis=0)

"""The four gates are read as interleaved columns, a.reshape(N, H, 4), instead of four blocks of H
columns. With one unit (the visible test of the forward pass) both are the same; the backward pass, which
reads the blocks, then disagrees with it."""
LOSES = ["hidden_lstm_step_forward_core", "hidden_lstm_step_forward_edges", "test_lstm_step_backward",
         "hidden_lstm_step_backward_core", "hidden_lstm_step_backward_edges"]


def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    N, H = h_prev.shape
    a = (x @ Wx + h_prev @ Wh + b).reshape(N, H, 4)
    i = 1 / (1 + np.exp(-a[:, :, 0]))
    f = 1 / (1 + np.exp(-a[:, :, 1]))
    g = np.tanh(a[:, :, 2])
    o = 1 / (1 + np.exp(-a[:, :, 3]))
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, c)

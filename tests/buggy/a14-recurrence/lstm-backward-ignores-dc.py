"""The backward pass forgets the gradient arriving along the cell state from the next step: it starts
from dh * o * (1 - tanh(c)**2) alone. With dc = 0 (the visible test) nothing is missing."""
LOSES = ["hidden_lstm_step_backward_core", "hidden_lstm_step_backward_edges"]


def lstm_step_backward(dh, dc, cache):
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, c = cache
    tc = np.tanh(c)
    dc_total = dh * o * (1 - tc ** 2)
    da = np.concatenate([dc_total * g * i * (1 - i), dc_total * c_prev * f * (1 - f),
                         dc_total * i * (1 - g ** 2), dh * tc * o * (1 - o)], axis=1)
    return da @ Wx.T, da @ Wh.T, dc_total * f, x.T @ da, h_prev.T @ da, da.sum(axis=0)

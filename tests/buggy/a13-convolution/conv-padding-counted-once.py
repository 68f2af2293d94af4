"""Padding off by one side: the output size adds pad once (H + pad - KH) instead of on both sides,
so a padded convolution loses its last row and column."""
LOSES = ["test_conv2d_forward", "hidden_conv2d_forward_core", "hidden_conv2d_forward_edges", "test_conv2d_backward", "test_cnn_loss", "hidden_cnn_loss_core", "hidden_cnn_loss_edges", "hidden_cnn_loss_training"]


def conv2d_forward(x, w, b, stride=1, pad=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    h_out, w_out = (h + pad - kh) // stride + 1, (wd + pad - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((n, f, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, f, 1, 1), (x, w, stride, pad)

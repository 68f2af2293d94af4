"""The textbook's convolution: the kernel is flipped (w[:, :, ::-1, ::-1]) before it slides, in the
forward pass and, consistently, in the backward pass. The gradients agree with this forward pass (the
visible gradient check passes), but neither is the course's (or any framework's) convolution."""
LOSES = ["test_conv2d_forward", "hidden_conv2d_forward_core", "hidden_conv2d_forward_edges", "hidden_conv2d_backward_core", "hidden_conv2d_backward_edges", "test_cnn_loss", "hidden_cnn_loss_core", "hidden_cnn_loss_edges", "hidden_cnn_loss_training"]


def conv2d_forward(x, w, b, stride=1, pad=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    h_out, w_out = (h + 2 * pad - kh) // stride + 1, (wd + 2 * pad - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((n, f, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[:, :, i, j] = np.tensordot(window, w[:, :, ::-1, ::-1], axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, f, 1, 1), (x, w, stride, pad)


def conv2d_backward(dout, cache):
    x, w, stride, pad = cache
    kh, kw = w.shape[2], w.shape[3]
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp = np.zeros(xp.shape)
    dw = np.zeros(w.shape)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            rows, cols = slice(i * stride, i * stride + kh), slice(j * stride, j * stride + kw)
            g = dout[:, :, i, j]
            dw += np.tensordot(g, xp[:, :, rows, cols], axes=([0], [0]))
            dxp[:, :, rows, cols] += np.tensordot(g, w[:, :, ::-1, ::-1], axes=([1], [0]))
    h, wd = x.shape[2], x.shape[3]
    return dxp[:, :, pad:pad + h, pad:pad + wd], dw[:, :, ::-1, ::-1], dout.sum(axis=(0, 2, 3))

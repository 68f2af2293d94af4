"""A right answer adapted from public code: the naive loops of a CS231n assignment solution
(Clarence-G/learngit, cs231n/assignment2/conv1.py: conv_forward_naive and conv_backward_naive),
one loop per filter, output row and output column. Adapted to this assignment: the original's
outer loop over the images became numpy slicing over the batch axis (the loop costs a factor N
in time and nothing in meaning), stride and pad are arguments instead of a conv_param dict, the
output size is rounded down with // (the original used Python 2's /), max pooling loops the same
way and sends a tie to the first maximum, and the network is CS231n's conv - relu - pool
"sandwich" of helpers."""
LOSES = []


def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    x_padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="constant")
    H_new = 1 + (H + 2 * pad - HH) // stride
    W_new = 1 + (W + 2 * pad - WW) // stride
    s = stride
    out = np.zeros((N, F, H_new, W_new))
    for f in range(F):
        for j in range(H_new):
            for k in range(W_new):
                out[:, f, j, k] = np.sum(x_padded[:, :, j * s:HH + j * s, k * s:WW + k * s] * w[f], axis=(1, 2, 3)) + b[f]
    return out, (x, w, b, {"stride": stride, "pad": pad})


def conv2d_backward(dout, cache):
    x, w, b, conv_param = cache
    pad, s = conv_param["pad"], conv_param["stride"]
    F, C, HH, WW = w.shape
    N, C, H, W = x.shape
    H_new, W_new = dout.shape[2], dout.shape[3]
    dw = np.zeros_like(w)
    db = np.zeros_like(b)
    x_padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), "constant")
    dx_padded = np.zeros_like(x_padded)
    for f in range(F):
        for j in range(H_new):
            for k in range(W_new):
                window = x_padded[:, :, j * s:HH + j * s, k * s:WW + k * s]
                g = dout[:, f, j, k][:, None, None, None]
                db[f] += np.sum(dout[:, f, j, k])
                dw[f] += np.sum(window * g, axis=0)
                dx_padded[:, :, j * s:HH + j * s, k * s:WW + k * s] += w[f] * g
    return dx_padded[:, :, pad:pad + H, pad:pad + W], dw, db


def max_pool_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    H_new, W_new = 1 + (H - size) // stride, 1 + (W - size) // stride
    out = np.zeros((N, C, H_new, W_new))
    for j in range(H_new):
        for k in range(W_new):
            out[:, :, j, k] = np.max(x[:, :, j * stride:j * stride + size, k * stride:k * stride + size], axis=(2, 3))
    return out, (x, {"pool_height": size, "pool_width": size, "stride": stride})


def max_pool_backward(dout, cache):
    x, pool_param = cache
    ph, pw, s = pool_param["pool_height"], pool_param["pool_width"], pool_param["stride"]
    N, C, H_new, W_new = dout.shape
    dx = np.zeros_like(x)
    n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
    for j in range(H_new):
        for k in range(W_new):
            window = x[:, :, j * s:j * s + ph, k * s:k * s + pw].reshape(N, C, ph * pw)
            r, q = np.unravel_index(np.argmax(window, axis=2), (ph, pw))
            dx[n, c, j * s + r, k * s + q] += dout[:, :, j, k]
    return dx


def conv_relu_pool_forward(x, w, b):
    a, conv_cache = conv2d_forward(x, w, b, 1, 1)
    s = np.maximum(0, a)
    out, pool_cache = max_pool_forward(s, 2, 2)
    return out, (conv_cache, a, pool_cache)


def conv_relu_pool_backward(dout, cache):
    conv_cache, a, pool_cache = cache
    ds = max_pool_backward(dout, pool_cache)
    da = ds * (a > 0)
    return conv2d_backward(da, conv_cache)


def cnn_loss(params, X, y):
    out1, cache1 = conv_relu_pool_forward(X, params["W1"], params["b1"])
    N = X.shape[0]
    scores = out1.reshape(N, -1).dot(params["W2"]) + params["b2"]
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    Z = np.sum(np.exp(shifted), axis=1, keepdims=True)
    log_probs = shifted - np.log(Z)
    loss = -np.sum(log_probs[np.arange(N), y]) / N
    dscores = np.exp(log_probs)
    dscores[np.arange(N), y] -= 1
    dscores /= N
    grads = {"W2": out1.reshape(N, -1).T.dot(dscores), "b2": np.sum(dscores, axis=0)}
    dout1 = dscores.dot(params["W2"].T).reshape(out1.shape)
    _, grads["W1"], grads["b1"] = conv_relu_pool_backward(dout1, cache1)
    return loss, grads

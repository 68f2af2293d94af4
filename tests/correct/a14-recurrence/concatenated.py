"""A right answer that stacks the weights, as the lecture's column form does: [x, h] @ [[Wx], [Wh]]
with one weight matrix, step caches kept in a list, and plain Python loops over the steps in the
loss as well (one softmax per step)."""
LOSES = []


def rnn_forward(x, h0, Wx, Wh, b):
    W = np.vstack([Wx, Wh])
    h = h0
    steps = []
    for xt in x:
        xh = np.hstack([xt, h])
        h = np.tanh(xh @ W + b)
        steps.append((xh, h))
    return np.array([s[1] for s in steps]), (W, Wx.shape[0], steps)


def rnn_backward(dh, cache):
    W, d, steps = cache
    dW, db = np.zeros(W.shape), np.zeros(W.shape[1])
    dxs = []
    back = np.zeros(dh[0].shape)
    for t in range(len(steps) - 1, -1, -1):
        xh, h = steps[t]
        dz = (dh[t] + back) * (1 - h ** 2)
        dW += xh.T @ dz
        db += dz.sum(axis=0)
        dxh = dz @ W.T
        dxs.insert(0, dxh[:, :d])
        back = dxh[:, d:]
    return np.array(dxs), back, dW[:d], dW[d:], db


def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[1]
    xh = np.hstack([x, h_prev])
    a = xh @ np.vstack([Wx, Wh]) + b
    sig = 1 / (1 + np.exp(-a))
    i, f, o = sig[:, :H], sig[:, H:2 * H], sig[:, 3 * H:]
    g = np.tanh(a[:, 2 * H:3 * H])
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c, (xh, x.shape[1], c_prev, np.vstack([Wx, Wh]), i, f, g, o, c)


def lstm_step_backward(dh, dc, cache):
    xh, d, c_prev, W, i, f, g, o, c = cache
    tc = np.tanh(c)
    do = dh * tc
    dc = dc + dh * o * (1 - tc ** 2)
    di, df, dg = dc * g, dc * c_prev, dc * i
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dW = xh.T @ da
    dxh = da @ W.T
    return dxh[:, :d], dxh[:, d:], dc * f, dW[:d], dW[d:], np.sum(da, axis=0)


def rnn_sequence_loss(params, x, y):
    T, N, _ = x.shape
    h, cache = rnn_forward(x, np.zeros((N, params["Wh"].shape[0])), params["Wx"], params["Wh"], params["b"])
    loss = 0.0
    dh = np.zeros(h.shape)
    dWy, dby = np.zeros(params["Wy"].shape), np.zeros(params["by"].shape)
    for t in range(T):
        s = h[t] @ params["Wy"] + params["by"]
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        loss -= np.log(p[np.arange(N), y[t]]).sum()
        p[np.arange(N), y[t]] -= 1
        p /= T * N
        dWy += h[t].T @ p
        dby += p.sum(axis=0)
        dh[t] = p @ params["Wy"].T
    _, _, dWx, dWh, db = rnn_backward(dh, cache)
    return loss / (T * N), {"Wx": dWx, "Wh": dWh, "b": db, "Wy": dWy, "by": dby}

"""A right answer with Python loops where a first version has them: the embedding's gradient one
position at a time, attention one sequence at a time with two-dimensional arrays and a mask of
-1e30, and layer norm one vector at a time over the flattened leading axes. The block is the
solution's, on top of these layers."""
LOSES = []


def embedding_forward(ids, W):
    out = np.zeros(ids.shape + (W.shape[1],))
    for n in range(ids.shape[0]):
        for t in range(ids.shape[1]):
            out[n, t] = W[ids[n, t]]
    return out, (ids, W)


def embedding_backward(dout, cache):
    ids, W = cache
    dW = np.zeros(W.shape)
    for n in range(ids.shape[0]):
        for t in range(ids.shape[1]):
            dW[ids[n, t]] += dout[n, t]
    return dW


def attention_forward(q, k, v, mask=None):
    out = np.zeros((q.shape[0], q.shape[1], v.shape[2]))
    weights = []
    for n in range(q.shape[0]):
        scores = q[n] @ k[n].T / np.sqrt(q.shape[2])
        if mask is not None:
            scores = scores.copy()
            scores[~mask] = -1e30
        w = np.exp(scores - scores.max(axis=1, keepdims=True))
        w /= w.sum(axis=1, keepdims=True)
        weights.append(w)
        out[n] = w @ v[n]
    return out, (q, k, v, weights)


def attention_backward(dout, cache):
    q, k, v, weights = cache
    dq, dk, dv = np.zeros(q.shape), np.zeros(k.shape), np.zeros(v.shape)
    for n, w in enumerate(weights):
        dv[n] = w.T @ dout[n]
        dw = dout[n] @ v[n].T
        ds = np.zeros(w.shape)
        for i in range(w.shape[0]):
            ds[i] = w[i] * (dw[i] - w[i] @ dw[i])
        ds /= np.sqrt(q.shape[2])
        dq[n], dk[n] = ds @ k[n], ds.T @ q[n]
    return dq, dk, dv


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    rows = x.reshape(-1, x.shape[-1])
    out, xhats, stds = np.zeros(rows.shape), np.zeros(rows.shape), np.zeros(len(rows))
    for i, row in enumerate(rows):
        stds[i] = np.sqrt(np.var(row) + eps)
        xhats[i] = (row - row.mean()) / stds[i]
        out[i] = xhats[i] * gamma + beta
    return out.reshape(x.shape), (xhats, stds, gamma, x.shape)


def layer_norm_backward(dout, cache):
    xhats, stds, gamma, shape = cache
    g_rows = dout.reshape(-1, shape[-1])
    dx = np.zeros(g_rows.shape)
    dgamma, dbeta = np.zeros(shape[-1]), np.zeros(shape[-1])
    for i, g in enumerate(g_rows):
        dgamma += g * xhats[i]
        dbeta += g
        gg = g * gamma
        dx[i] = (gg - gg.mean() - xhats[i] * np.mean(gg * xhats[i])) / stds[i]
    return dx.reshape(shape), dgamma, dbeta

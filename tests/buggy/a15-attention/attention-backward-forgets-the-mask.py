"""The backward pass recomputes the weights from the cached scores, which were stored before the mask
was applied: blocked pairs get weight and gradient. Without a mask (the visible test) it is right."""
LOSES = ["hidden_attention_backward_core", "hidden_attention_backward_edges"]


def attention_forward(q, k, v, mask=None):
    s = q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[2])
    scores = s
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    a = np.exp(s - s.max(axis=2, keepdims=True))
    a = a / a.sum(axis=2, keepdims=True)
    return a @ v, (q, k, v, scores)


def attention_backward(dout, cache):
    q, k, v, s = cache
    a = np.exp(s - s.max(axis=2, keepdims=True))
    a = a / a.sum(axis=2, keepdims=True)
    da = dout @ v.transpose(0, 2, 1)
    ds = a * (da - (da * a).sum(axis=2, keepdims=True)) / np.sqrt(q.shape[2])
    return ds @ k, ds.transpose(0, 2, 1) @ q, a.transpose(0, 2, 1) @ dout

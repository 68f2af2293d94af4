"""The softmax exponentiates the raw scores: with scores in the thousands exp overflows and the loss
is nan. Ordinary scores (the visible test) give the right numbers."""
LOSES = ["hidden_rnn_sequence_loss_edges"]


def rnn_sequence_loss(params, x, y):
    T, N, _ = x.shape
    h, cache = rnn_forward(x, np.zeros((N, params["Wh"].shape[0])), params["Wx"], params["Wh"], params["b"])
    s = h @ params["Wy"] + params["by"]
    e = np.exp(s)
    p = e / e.sum(axis=2, keepdims=True)
    t_idx, n_idx = np.meshgrid(np.arange(T), np.arange(N), indexing="ij")
    loss = -np.mean(np.log(p[t_idx, n_idx, y]))
    ds = p.copy()
    ds[t_idx, n_idx, y] -= 1
    ds /= T * N
    grads = {"Wy": np.einsum("tnh,tnk->hk", h, ds), "by": ds.sum(axis=(0, 1))}
    _, _, grads["Wx"], grads["Wh"], grads["b"] = rnn_backward(ds @ params["Wy"].T, cache)
    return loss, grads

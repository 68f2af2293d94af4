"""The loss sums the cross-entropy over the steps and divides by N only, as CS231n's
temporal_softmax_loss does, instead of averaging over all T * N predictions."""
LOSES = ["test_rnn_sequence_loss", "hidden_rnn_sequence_loss_core", "hidden_rnn_sequence_loss_edges"]


def rnn_sequence_loss(params, x, y):
    T, N, _ = x.shape
    h, cache = rnn_forward(x, np.zeros((N, params["Wh"].shape[0])), params["Wx"], params["Wh"], params["b"])
    s = h @ params["Wy"] + params["by"]
    s = s - s.max(axis=2, keepdims=True)
    log_p = s - np.log(np.exp(s).sum(axis=2, keepdims=True))
    t_idx, n_idx = np.meshgrid(np.arange(T), np.arange(N), indexing="ij")
    loss = -np.sum(log_p[t_idx, n_idx, y]) / N
    ds = np.exp(log_p)
    ds[t_idx, n_idx, y] -= 1
    ds /= N
    grads = {"Wy": np.einsum("tnh,tnk->hk", h, ds), "by": ds.sum(axis=(0, 1))}
    _, _, grads["Wx"], grads["Wh"], grads["b"] = rnn_backward(ds @ params["Wy"].T, cache)
    return loss, grads

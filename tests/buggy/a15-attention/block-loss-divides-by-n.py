"""The loss sums over the positions and divides by N only, instead of averaging over all N * T
predictions (and its gradients match that loss)."""
LOSES = ["test_transformer_block_loss", "hidden_transformer_block_loss_core", "hidden_transformer_block_loss_edges"]


def transformer_block_loss(params, ids, y):
    N, T = ids.shape
    e, ecache = embedding_forward(ids, params["E"])
    x0 = e + params["P"]
    h1, ln1 = layer_norm_forward(x0, params["g1"], params["b1"])
    att, acache = attention_forward(h1 @ params["Wq"], h1 @ params["Wk"], h1 @ params["Wv"])
    x1 = x0 + att @ params["Wo"]
    h2, ln2 = layer_norm_forward(x1, params["g2"], params["b2"])
    z = h2 @ params["W1"] + params["c1"]
    r = np.maximum(z, 0)
    x2 = x1 + r @ params["W2"] + params["c2"]
    s = x2 @ params["Wout"] + params["bout"]
    s = s - s.max(axis=2, keepdims=True)
    log_p = s - np.log(np.exp(s).sum(axis=2, keepdims=True))
    n_idx, t_idx = np.meshgrid(np.arange(N), np.arange(T), indexing="ij")
    loss = -np.sum(log_p[n_idx, t_idx, y]) / N
    ds = np.exp(log_p)
    ds[n_idx, t_idx, y] -= 1
    ds /= N
    g = {"Wout": np.einsum("ntd,ntv->dv", x2, ds), "bout": ds.sum(axis=(0, 1))}
    dx = ds @ params["Wout"].T
    g["W2"], g["c2"] = np.einsum("ntf,ntd->fd", r, dx), dx.sum(axis=(0, 1))
    dz = (dx @ params["W2"].T) * (z > 0)
    g["W1"], g["c1"] = np.einsum("ntd,ntf->df", h2, dz), dz.sum(axis=(0, 1))
    dh2, g["g2"], g["b2"] = layer_norm_backward(dz @ params["W1"].T, ln2)
    dx = dx + dh2
    g["Wo"] = np.einsum("nte,ntd->ed", att, dx)
    dq, dk, dv = attention_backward(dx @ params["Wo"].T, acache)
    g["Wq"], g["Wk"], g["Wv"] = (np.einsum("ntd,nte->de", h1, d) for d in (dq, dk, dv))
    dh1 = dq @ params["Wq"].T + dk @ params["Wk"].T + dv @ params["Wv"].T
    dh1, g["g1"], g["b1"] = layer_norm_backward(dh1, ln1)
    dx = dx + dh1
    g["P"] = dx.sum(axis=0)
    g["E"] = embedding_backward(dx, ecache)
    return loss, g

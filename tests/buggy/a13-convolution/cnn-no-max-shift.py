"""The softmax without subtracting each row's maximum: exp overflows for scores in the thousands."""
LOSES = ["hidden_cnn_loss_edges"]


def cnn_loss(params, X, y):
    n = X.shape[0]
    a, conv_cache = conv2d_forward(X, params["W1"], params["b1"], 1, 1)
    h = np.maximum(a, 0)
    pooled, pool_cache = max_pool_forward(h, 2, 2)
    flat = pooled.reshape(n, -1)
    s = flat @ params["W2"] + params["b2"]
    log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    loss = -np.mean(log_p[np.arange(n), y])
    ds = np.exp(log_p)
    ds[np.arange(n), y] -= 1
    ds /= n
    grads = {"W2": flat.T @ ds, "b2": ds.sum(axis=0)}
    dpooled = (ds @ params["W2"].T).reshape(pooled.shape)
    da = max_pool_backward(dpooled, pool_cache) * (a > 0)
    _, grads["W1"], grads["b1"] = conv2d_backward(da, conv_cache)
    return loss, grads

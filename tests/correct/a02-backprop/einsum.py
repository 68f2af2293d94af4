"""A right answer in another style: einsum for every product, the sigmoid through
tanh, ReLU as a product with a mask, lists where the interface allows them."""
LOSES = []


def dense_forward(x, W, b):
    return np.einsum("nd,dm->nm", x, W) + b[None, :], {"x": x, "W": W}


def dense_backward(dout, cache):
    x, W = cache["x"], cache["W"]
    return [np.einsum("nm,dm->nd", dout, W), np.einsum("nd,nm->dm", x, dout), np.einsum("nm->m", dout)]


def sigmoid_forward(z):
    s = 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))
    return s, s


def sigmoid_backward(dout, cache):
    return dout * cache * (1 - cache)


def tanh_forward(z):
    t = np.tanh(z)
    return t, {"t": t}


def tanh_backward(dout, cache):
    return dout * (1 - np.square(cache["t"]))


def relu_forward(z):
    mask = z > 0
    return z * mask, mask


def relu_backward(dout, cache):
    return np.where(cache, dout, 0.0)


def mse_loss(pred, target):
    diff = pred - target
    n = len(pred)
    flat = diff.reshape(-1)
    return float(np.einsum("i,i->", flat, flat)) / (2 * n), diff / n


def softmax_cross_entropy(scores, y):
    n = scores.shape[0]
    m = np.max(scores, axis=1, keepdims=True)
    log_z = m[:, 0] + np.log(np.sum(np.exp(scores - m), axis=1))
    picked = scores[np.arange(n), y]
    probs = np.exp(scores - log_z[:, None])
    onehot = np.eye(scores.shape[1])[y]
    return float(np.mean(log_z - picked)), (probs - onehot) / n

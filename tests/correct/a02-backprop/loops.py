"""A right answer in another style: explicit Python loops over the batch, as a
first version written straight from the formulas would be, and other helper names."""
LOSES = []


def dense_forward(x, W, b):
    n, d = x.shape
    m = W.shape[1]
    out = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            total = b[j]
            for k in range(d):
                total += x[i, k] * W[k, j]
            out[i, j] = total
    return out, (x.copy(), W.copy())


def dense_backward(dout, cache):
    x, W = cache
    n, d = x.shape
    m = W.shape[1]
    dx, dW, db = np.zeros((n, d)), np.zeros((d, m)), np.zeros(m)
    for i in range(n):
        for j in range(m):
            g = dout[i, j]
            db[j] += g
            for k in range(d):
                dx[i, k] += g * W[k, j]
                dW[k, j] += x[i, k] * g
    return dx, dW, db


def _logistic(v):
    if v >= 0:
        return 1.0 / (1.0 + np.exp(-v))
    e = np.exp(v)
    return e / (1.0 + e)


def sigmoid_forward(z):
    z = np.asarray(z, dtype=float)
    out = np.array([_logistic(v) for v in z.ravel()]).reshape(z.shape)
    return out, out


def sigmoid_backward(dout, cache):
    return dout * cache * (1.0 - cache)


def tanh_forward(z):
    out = np.vectorize(np.tanh)(np.asarray(z, dtype=float))
    return out, out


def tanh_backward(dout, cache):
    return dout * (1.0 - cache * cache)


def relu_forward(z):
    z = np.asarray(z, dtype=float)
    return np.array([v if v > 0 else 0.0 for v in z.ravel()]).reshape(z.shape), z


def relu_backward(dout, cache):
    return np.array([g if v > 0 else 0.0 for g, v in zip(dout.ravel(), cache.ravel())]).reshape(cache.shape)


def mse_loss(pred, target):
    n = pred.shape[0]
    total = 0.0
    for p, t in zip(pred.ravel(), target.ravel()):
        total += (p - t) ** 2
    return total / (2 * n), (pred - target) / n


def softmax_cross_entropy(scores, y):
    n, c = scores.shape
    loss, grad = 0.0, np.zeros((n, c))
    for i in range(n):
        row = scores[i] - max(scores[i])
        norm = sum(np.exp(v) for v in row)
        for j in range(c):
            grad[i, j] = np.exp(row[j]) / norm / n
        grad[i, y[i]] -= 1.0 / n
        loss += (np.log(norm) - row[y[i]]) / n
    return loss, grad

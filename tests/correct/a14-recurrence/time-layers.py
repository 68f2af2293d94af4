"""A right answer in the style of the time layers of "Deep Learning from Scratch 2" (its
common/time_layers.py): one small layer object per time step with its own forward and backward,
a time loop that keeps the step layers, batch-first arrays inside (the book's (N, T, D), reached
here by transposes), and the LSTM's gates computed in the book's order f, g, i, o and reordered to
the course's i, f, g, o where the weights are read."""
LOSES = []


class StepRNN:
    def __init__(self, Wx, Wh, b):
        self.Wx, self.Wh, self.b = Wx, Wh, b

    def forward(self, x, h_prev):
        self.x, self.h_prev = x, h_prev
        self.h_next = np.tanh(np.dot(h_prev, self.Wh) + np.dot(x, self.Wx) + self.b)
        return self.h_next

    def backward(self, dh_next):
        dt = dh_next * (1 - self.h_next ** 2)
        self.grads = (np.dot(self.x.T, dt), np.dot(self.h_prev.T, dt), np.sum(dt, axis=0))
        return np.dot(dt, self.Wx.T), np.dot(dt, self.Wh.T)


def rnn_forward(x, h0, Wx, Wh, b):
    xs = x.transpose(1, 0, 2)                           # (N, T, D), batch first inside
    n, steps, _ = xs.shape
    hs = np.empty((n, steps, Wh.shape[0]))
    layers, h = [], h0
    for t in range(steps):
        layer = StepRNN(Wx, Wh, b)
        h = layer.forward(xs[:, t, :], h)
        hs[:, t, :] = h
        layers.append(layer)
    return hs.transpose(1, 0, 2), layers


def rnn_backward(dh, cache):
    layers = cache
    dhs = dh.transpose(1, 0, 2)
    n, steps, _ = dhs.shape
    dxs = np.empty((n, steps, layers[0].Wx.shape[0]))
    grads = [0, 0, 0]
    dh_carry = 0
    for t in reversed(range(steps)):
        dx, dh_carry = layers[t].backward(dhs[:, t, :] + dh_carry)
        dxs[:, t, :] = dx
        grads = [acc + g for acc, g in zip(grads, layers[t].grads)]
    return (dxs.transpose(1, 0, 2), dh_carry, *grads)


def _book_order(w, hidden):
    """Columns i, f, g, o (the course) -> f, g, i, o (the book)."""
    i, f, g, o = (w[..., k * hidden:(k + 1) * hidden] for k in range(4))
    return np.concatenate([f, g, i, o], axis=-1)


def _course_order(w, hidden):
    """Columns f, g, i, o (the book) -> i, f, g, o (the course)."""
    f, g, i, o = (w[..., k * hidden:(k + 1) * hidden] for k in range(4))
    return np.concatenate([i, f, g, o], axis=-1)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    hidden = h_prev.shape[1]
    A = np.dot(x, _book_order(Wx, hidden)) + np.dot(h_prev, _book_order(Wh, hidden)) + _book_order(b, hidden)
    f = _sigmoid(A[:, :hidden])
    g = np.tanh(A[:, hidden:2 * hidden])
    i = _sigmoid(A[:, 2 * hidden:3 * hidden])
    o = _sigmoid(A[:, 3 * hidden:])
    c_next = f * c_prev + g * i
    h_next = o * np.tanh(c_next)
    return h_next, c_next, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, c_next)


def lstm_step_backward(dh_next, dc_next, cache):
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, c_next = cache
    hidden = h_prev.shape[1]
    tanh_c_next = np.tanh(c_next)
    ds = dc_next + (dh_next * o) * (1 - tanh_c_next ** 2)
    dc_prev = ds * f
    di, df, do, dg = ds * g, ds * c_prev, dh_next * tanh_c_next, ds * i
    di *= i * (1 - i)
    df *= f * (1 - f)
    do *= o * (1 - o)
    dg *= (1 - g ** 2)
    dA = np.hstack((df, dg, di, do))                    # the book's order
    dWx, dWh = np.dot(x.T, dA), np.dot(h_prev.T, dA)
    db = dA.sum(axis=0)
    dx, dh_prev = np.dot(dA, _book_order(Wx, hidden).T), np.dot(dA, _book_order(Wh, hidden).T)
    return dx, dh_prev, dc_prev, _course_order(dWx, hidden), _course_order(dWh, hidden), _course_order(db, hidden)


def rnn_sequence_loss(params, x, y):
    steps, n, _ = x.shape
    hs, layers = rnn_forward(x, np.zeros((n, params["Wh"].shape[0])), params["Wx"], params["Wh"], params["b"])
    flat = hs.reshape(steps * n, -1)
    scores = np.dot(flat, params["Wy"]) + params["by"]
    scores = scores - scores.max(axis=1, keepdims=True)
    ys = np.exp(scores)
    ys /= ys.sum(axis=1, keepdims=True)
    ts = y.reshape(steps * n)
    loss = -np.sum(np.log(ys[np.arange(steps * n), ts])) / (steps * n)
    dscores = ys.copy()
    dscores[np.arange(steps * n), ts] -= 1
    dscores /= steps * n
    grads = {"Wy": np.dot(flat.T, dscores), "by": np.sum(dscores, axis=0)}
    dhs = np.dot(dscores, params["Wy"].T).reshape(hs.shape)
    _, _, grads["Wx"], grads["Wh"], grads["b"] = rnn_backward(dhs, layers)
    return loss, grads

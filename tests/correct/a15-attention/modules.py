"""A right answer in the style of module-based numpy transformers (rziga/numpy-is-all-you-need's
layers): every layer is an object whose forward saves what its backward needs on itself, the
softmax is a module of its own, and the mask is added to the scores as -1e9 (the usual additive
mask, here built from the course's True = may attend). The caches the graded functions return
are these objects."""
LOSES = []


class Softmax:
    def forward(self, x):
        e = np.exp(x - np.max(x, axis=-1, keepdims=True))
        self.y = e / np.sum(e, axis=-1, keepdims=True)
        return self.y

    def backward(self, grad):
        return self.y * (grad - np.sum(grad * self.y, axis=-1, keepdims=True))


class Embedding:
    def __init__(self, weight):
        self.weight = weight

    def forward(self, ids):
        self.ids = ids
        return self.weight[ids]

    def backward(self, grad):
        dweight = np.zeros_like(self.weight)
        np.add.at(dweight, self.ids.reshape(-1), grad.reshape(-1, grad.shape[-1]))
        return dweight


class Attention:
    def forward(self, q, k, v, mask=None):
        self.q, self.k, self.v = q, k, v
        self.scale = 1.0 / np.sqrt(q.shape[-1])
        scores = np.matmul(q, np.swapaxes(k, -1, -2)) * self.scale
        if mask is not None:
            scores = scores + (1.0 - mask) * -1e9
        self.softmax = Softmax()
        self.weights = self.softmax.forward(scores)
        return np.matmul(self.weights, v)

    def backward(self, grad):
        dv = np.matmul(np.swapaxes(self.weights, -1, -2), grad)
        dscores = self.softmax.backward(np.matmul(grad, np.swapaxes(self.v, -1, -2))) * self.scale
        return np.matmul(dscores, self.k), np.matmul(np.swapaxes(dscores, -1, -2), self.q), dv


class LayerNorm:
    def __init__(self, gamma, beta, eps):
        self.gamma, self.beta, self.eps = gamma, beta, eps

    def forward(self, x):
        self.mean = np.mean(x, axis=-1, keepdims=True)
        self.std = np.sqrt(np.var(x, axis=-1, keepdims=True) + self.eps)
        self.norm = (x - self.mean) / self.std
        return self.norm * self.gamma + self.beta

    def backward(self, grad):
        axes = tuple(range(grad.ndim - 1))
        dgamma, dbeta = np.sum(grad * self.norm, axis=axes), np.sum(grad, axis=axes)
        dnorm = grad * self.gamma
        d = self.norm.shape[-1]
        dx = (d * dnorm - np.sum(dnorm, axis=-1, keepdims=True)
              - self.norm * np.sum(dnorm * self.norm, axis=-1, keepdims=True)) / (d * self.std)
        return dx, dgamma, dbeta


def embedding_forward(ids, W):
    layer = Embedding(W)
    return layer.forward(ids), layer


def embedding_backward(dout, cache):
    return cache.backward(dout)


def attention_forward(q, k, v, mask=None):
    layer = Attention()
    return layer.forward(q, k, v, mask), layer


def attention_backward(dout, cache):
    return cache.backward(dout)


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    layer = LayerNorm(gamma, beta, eps)
    return layer.forward(x), layer


def layer_norm_backward(dout, cache):
    return cache.backward(dout)


def transformer_block_loss(params, ids, y):
    p = params
    emb = Embedding(p["E"])
    ln1, ln2 = LayerNorm(p["g1"], p["b1"], 1e-5), LayerNorm(p["g2"], p["b2"], 1e-5)
    att = Attention()
    x = emb.forward(ids) + p["P"]
    h = ln1.forward(x)
    a = att.forward(h @ p["Wq"], h @ p["Wk"], h @ p["Wv"])
    x = x + a @ p["Wo"]
    h2 = ln2.forward(x)
    pre = h2 @ p["W1"] + p["c1"]
    hidden = np.maximum(pre, 0)
    x = x + hidden @ p["W2"] + p["c2"]
    softmax = Softmax()
    probs = softmax.forward(x @ p["Wout"] + p["bout"])
    flat_p, flat_y = probs.reshape(-1, probs.shape[-1]), y.reshape(-1)
    rows = np.arange(flat_y.size)
    logits = x @ p["Wout"] + p["bout"]
    shifted = logits - logits.max(axis=-1, keepdims=True)
    loss = -np.mean(shifted.reshape(-1, probs.shape[-1])[rows, flat_y]
                    - np.log(np.exp(shifted).sum(axis=-1)).reshape(-1))
    dlogits = flat_p.copy()
    dlogits[rows, flat_y] -= 1
    dlogits = (dlogits / flat_y.size).reshape(probs.shape)
    g = {"Wout": np.tensordot(x, dlogits, axes=([0, 1], [0, 1])), "bout": dlogits.sum(axis=(0, 1))}
    dx = dlogits @ p["Wout"].T
    g["W2"], g["c2"] = np.tensordot(hidden, dx, axes=([0, 1], [0, 1])), dx.sum(axis=(0, 1))
    dpre = (dx @ p["W2"].T) * (pre > 0)
    g["W1"], g["c1"] = np.tensordot(h2, dpre, axes=([0, 1], [0, 1])), dpre.sum(axis=(0, 1))
    dh2, g["g2"], g["b2"] = ln2.backward(dpre @ p["W1"].T)
    dx = dx + dh2
    g["Wo"] = np.tensordot(a, dx, axes=([0, 1], [0, 1]))
    dq, dk, dv = att.backward(dx @ p["Wo"].T)
    g["Wq"], g["Wk"], g["Wv"] = (np.tensordot(h, d, axes=([0, 1], [0, 1])) for d in (dq, dk, dv))
    dh, g["g1"], g["b1"] = ln1.backward(dq @ p["Wq"].T + dk @ p["Wk"].T + dv @ p["Wv"].T)
    dx = dx + dh
    g["P"], g["E"] = dx.sum(axis=0), emb.backward(dx)
    return loss, g

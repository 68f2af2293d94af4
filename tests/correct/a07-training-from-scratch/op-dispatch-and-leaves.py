"""A right answer in another style: every node records an operation name, and one backward
method dispatches on it (no closures); the cross-entropy is one node with its own gradient
(P - Y) / N; training keeps the same four leaf Tensors for the whole run and calls
zero_grad() before each backward(), as PyTorch training loops do."""
LOSES = []


class Tensor:
    __array_ufunc__ = None

    def __init__(self, data, _parents=(), _op=None, _extra=None):
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._parents = tuple(_parents)
        self._op = _op
        self._extra = _extra

    @staticmethod
    def _lift(x):
        return x if isinstance(x, Tensor) else Tensor(x)

    def __add__(self, other):
        other = Tensor._lift(other)
        return Tensor(self.data + other.data, (self, other), "add")

    def __mul__(self, other):
        other = Tensor._lift(other)
        return Tensor(self.data * other.data, (self, other), "mul")

    def __truediv__(self, other):
        other = Tensor._lift(other)
        return Tensor(self.data / other.data, (self, other), "div")

    def __neg__(self):
        return self * (-1.0)

    def __sub__(self, other):
        return self + (-Tensor._lift(other))

    def __radd__(self, other):
        return Tensor._lift(other) + self

    def __rsub__(self, other):
        return Tensor._lift(other) - self

    def __rmul__(self, other):
        return Tensor._lift(other) * self

    def __rtruediv__(self, other):
        return Tensor._lift(other) / self

    def __matmul__(self, other):
        other = Tensor._lift(other)
        return Tensor(self.data @ other.data, (self, other), "matmul")

    def sum(self, axis=None, keepdims=False):
        return Tensor(np.sum(self.data, axis=axis, keepdims=keepdims), (self,), "sum", (axis, keepdims))

    def mean(self, axis=None, keepdims=False):
        n = self.data.size if axis is None else self.data.shape[axis]
        return self.sum(axis, keepdims) * (1.0 / n)

    def relu(self):
        return Tensor(np.where(self.data > 0, self.data, 0.0), (self,), "relu")

    def tanh(self):
        return Tensor(np.tanh(self.data), (self,), "tanh")

    def exp(self):
        return Tensor(np.exp(self.data), (self,), "exp")

    def log(self):
        return Tensor(np.log(self.data), (self,), "log")

    def _local(self):
        g, op = self.grad, self._op
        if op == "add":
            a, b = self._parents
            return [g, g]
        if op == "mul":
            a, b = self._parents
            return [g * b.data, g * a.data]
        if op == "div":
            a, b = self._parents
            return [g / b.data, -g * a.data / (b.data * b.data)]
        if op == "matmul":
            a, b = self._parents
            return [g @ b.data.T, a.data.T @ g]
        (a,) = self._parents
        if op == "sum":
            axis, keepdims = self._extra
            if axis is not None and not keepdims:
                g = np.expand_dims(g, axis)
            return [np.broadcast_to(g, a.data.shape)]
        if op == "relu":
            return [g * (a.data > 0)]
        if op == "tanh":
            return [g * (1 - self.data * self.data)]
        if op == "exp":
            return [g * self.data]
        if op == "log":
            return [g / a.data]
        if op == "xent":
            probs, onehot = self._extra
            return [g * (probs - onehot) / len(onehot)]
        raise ValueError(op)

    def _sorted(self):
        seen, order = set(), []

        def visit(node):
            if id(node) in seen:
                return
            seen.add(id(node))
            for parent in node._parents:
                visit(parent)
            order.append(node)
        visit(self)
        return order

    def backward(self):
        order = self._sorted()
        self.grad = np.ones_like(self.data)
        for node in order[::-1]:
            if node._parents:
                for parent, share in zip(node._parents, node._local()):
                    parent.grad += unbroadcast(share, parent.data.shape)

    def zero_grad(self):
        for node in self._sorted():
            node.grad = np.zeros_like(node.data)


def cross_entropy(scores, y):
    s = scores.data - scores.data.max(axis=1, keepdims=True)
    probs = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    onehot = np.eye(s.shape[1])[np.asarray(y)]
    loss = -np.mean(np.sum(onehot * (s - np.log(np.exp(s).sum(axis=1, keepdims=True))), axis=1))
    return Tensor(loss, (scores,), "xent", (probs, onehot))


def train_mlp(params, X, y, lr=0.2, epochs=15, batch_size=32, seed=0):
    rng = np.random.default_rng(seed)
    leaves = {name: Tensor(value) for name, value in params.items()}
    history = []
    for epoch in range(epochs):
        order = rng.permutation(X.shape[0])
        batch_losses = []
        for i in range(0, X.shape[0], batch_size):
            idx = order[i:i + batch_size]
            hidden = (Tensor(X[idx]) @ leaves["W1"] + leaves["b1"]).relu()
            loss = cross_entropy(hidden @ leaves["W2"] + leaves["b2"], y[idx])
            loss.zero_grad()
            loss.backward()
            for leaf in leaves.values():
                leaf.data = leaf.data - lr * leaf.grad
            batch_losses.append(loss.data.item())
        history.append(sum(batch_losses) / len(batch_losses))
    return {name: leaf.data.copy() for name, leaf in leaves.items()}, history

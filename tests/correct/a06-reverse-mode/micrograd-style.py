"""A right answer in the style of a well-known public engine (Karpathy's micrograd),
written here: children kept in a set, a topological sort inside backward(), the
gradient seed self.grad = 1, plus zero_grad() for the course's convention."""
LOSES = []


class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, other):
        assert isinstance(other, (int, float)), "only int/float powers"
        out = Value(self.data ** other, (self,), f"**{other}")

        def _backward():
            self.grad += (other * self.data ** (other - 1)) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(0 if self.data < 0 else self.data, (self,), "ReLU")

        def _backward():
            self.grad += (out.data > 0) * out.grad
        out._backward = _backward
        return out

    def _unary(self, value, local, op):
        out = Value(value, (self,), op)

        def _backward():
            self.grad += local * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        return self._unary(t, 1 - t ** 2, "tanh")

    def exp(self):
        e = math.exp(self.data)
        return self._unary(e, e, "exp")

    def log(self):
        return self._unary(math.log(self.data), 1 / self.data, "log")

    def sin(self):
        return self._unary(math.sin(self.data), math.cos(self.data), "sin")

    def zero_grad(self):
        for v in self._topo():
            v.grad = 0

    def _topo(self):
        topo, visited = [], set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)
        build_topo(self)
        return topo

    def backward(self):
        self.grad = 1
        for v in reversed(self._topo()):
            v._backward()

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return other * self ** -1

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"


def mlp(params, x):
    hidden = [sum((wi * xi for wi, xi in zip(column, x)), b).tanh()
              for column, b in zip(zip(*params["W1"]), params["b1"])]
    return sum((w * h for w, h in zip(params["w2"], hidden)), params["b2"])


def train(params, X, y, epochs, lr):
    parameters = [w for row in params["W1"] for w in row] + list(params["b1"]) + list(params["w2"]) + [params["b2"]]
    losses = []
    for _ in range(epochs):
        for x, t in zip(X, y):
            loss = 0.5 * (mlp(params, x) - t) ** 2
            losses.append(loss.data)
            loss.zero_grad()
            loss.backward()
            for p in parameters:
                p.data -= lr * p.grad
    return losses

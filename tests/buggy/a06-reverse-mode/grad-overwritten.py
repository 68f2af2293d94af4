"""Every _backward assigns its contribution (self.grad = ...) instead of adding
it (+=): a node used more than once keeps only one contribution, so x * x gives
x instead of 2x. Invisible when every node is used once, as in a network's graph
for a single example; the visible test of the convention (backward() twice must
add up) shows it."""
LOSES = ['test_Value', 'hidden_Value_reuse', 'hidden_Value_accumulate', 'hidden_Value_random']


class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._parents = set(_children)
        self._backward = lambda: None

    def _wrap(self, other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = self._wrap(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = self._wrap(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, p):
        out = Value(self.data ** p, (self,))

        def _backward():
            self.grad = p * self.data ** (p - 1) * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-self._wrap(other))

    def __truediv__(self, other):
        return self * self._wrap(other) ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return self._wrap(other) - self

    def __rtruediv__(self, other):
        return self._wrap(other) / self

    def _unary(self, value, local):
        out = Value(value, (self,))

        def _backward():
            self.grad = local * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        t = np.tanh(self.data)
        return self._unary(t, 1 - t ** 2)

    def exp(self):
        e = np.exp(self.data)
        return self._unary(e, e)

    def log(self):
        return self._unary(np.log(self.data), 1 / self.data)

    def sin(self):
        return self._unary(np.sin(self.data), np.cos(self.data))

    def relu(self):
        return self._unary(max(self.data, 0.0), 1.0 if self.data > 0 else 0.0)

    def zero_grad(self):
        seen, stack = set(), [self]
        while stack:
            v = stack.pop()
            if v not in seen:
                seen.add(v)
                v.grad = 0.0
                stack.extend(v._parents)

    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for p in v._parents:
                    build(p)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

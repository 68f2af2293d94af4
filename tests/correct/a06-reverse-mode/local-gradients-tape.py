"""A right answer in another style: every node stores its children with the local
derivatives computed in the forward pass (a Wengert list, as in the lecture's tape),
backward() orders the graph with an explicit stack instead of recursion, and train()
clears gradients with zero_grad() on the loss."""
LOSES = []


class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self.edges = tuple(_children)          # (child, d self / d child) pairs

    def __repr__(self):
        return f"Value({self.data}, grad={self.grad})"

    @staticmethod
    def wrap(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value.wrap(other)
        return Value(self.data + other.data, ((self, 1.0), (other, 1.0)))

    def __radd__(self, other):
        return Value.wrap(other) + self

    def __sub__(self, other):
        other = Value.wrap(other)
        return Value(self.data - other.data, ((self, 1.0), (other, -1.0)))

    def __rsub__(self, other):
        return Value.wrap(other) - self

    def __mul__(self, other):
        other = Value.wrap(other)
        return Value(self.data * other.data, ((self, other.data), (other, self.data)))

    def __rmul__(self, other):
        return Value.wrap(other) * self

    def __truediv__(self, other):
        other = Value.wrap(other)
        return Value(self.data / other.data, ((self, 1.0 / other.data), (other, -self.data / other.data ** 2)))

    def __rtruediv__(self, other):
        return Value.wrap(other) / self

    def __pow__(self, p):
        return Value(self.data ** p, ((self, p * self.data ** (p - 1)),))

    def __neg__(self):
        return Value(-self.data, ((self, -1.0),))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, ((self, 1.0 - t * t),))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, ((self, e),))

    def log(self):
        return Value(math.log(self.data), ((self, 1.0 / self.data),))

    def sin(self):
        return Value(math.sin(self.data), ((self, math.cos(self.data)),))

    def relu(self):
        return Value(self.data if self.data > 0 else 0.0, ((self, 1.0 if self.data > 0 else 0.0),))

    def _nodes(self):
        """Every node of the graph, each after all the nodes that use it."""
        order, visited, stack = [], set(), [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                stack.extend((child, False) for child, _ in node.edges if id(child) not in visited)
        return order[::-1]

    def zero_grad(self):
        for node in self._nodes():
            node.grad = 0.0

    def backward(self):
        self.grad = 1.0
        for node in self._nodes():
            for child, local in node.edges:
                child.grad += local * node.grad


def mlp(params, x):
    hidden = [sum((W_i[j] * x_i for W_i, x_i in zip(params["W1"], x)), params["b1"][j]).tanh()
              for j in range(len(params["b1"]))]
    return sum((w * h for w, h in zip(params["w2"], hidden)), params["b2"])


def train(params, X, y, epochs, lr):
    weights = [v for row in params["W1"] for v in row] + [*params["b1"], *params["w2"], params["b2"]]
    losses = []
    for _ in range(epochs):
        for x, t in zip(X, y):
            err = mlp(params, x) - t
            E = 0.5 * err * err
            losses.append(E.data)
            E.zero_grad()
            E.backward()
            for v in weights:
                v.data = v.data - lr * v.grad
    return losses

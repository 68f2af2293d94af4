"""A right answer in another style: nodes record only an operation name; backward()
dispatches on that name in one method (no closures), subtraction and division have
nodes of their own, and the topological order is built by a recursive helper of the
student's own."""
LOSES = []


def _topological(node, order, seen):
    if node not in seen:
        seen.add(node)
        for child in node.children:
            _topological(child, order, seen)
        order.append(node)
    return order


class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data, self.grad = float(data), 0.0
        self.children, self.op, self.arg = tuple(_children), _op, None

    def __repr__(self):
        return f"Value(data={self.data}, op={self.op!r})"

    def _node(self, data, children, op, arg=None):
        out = Value(data, children, op)
        out.arg = arg
        return out

    @staticmethod
    def _v(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, o):
        o = Value._v(o)
        return self._node(self.data + o.data, (self, o), "add")

    def __sub__(self, o):
        o = Value._v(o)
        return self._node(self.data - o.data, (self, o), "sub")

    def __mul__(self, o):
        o = Value._v(o)
        return self._node(self.data * o.data, (self, o), "mul")

    def __truediv__(self, o):
        o = Value._v(o)
        return self._node(self.data / o.data, (self, o), "div")

    def __radd__(self, o):
        return Value._v(o) + self

    def __rsub__(self, o):
        return Value._v(o) - self

    def __rmul__(self, o):
        return Value._v(o) * self

    def __rtruediv__(self, o):
        return Value._v(o) / self

    def __neg__(self):
        return self._node(-self.data, (self,), "neg")

    def __pow__(self, p):
        return self._node(self.data ** p, (self,), "pow", p)

    def tanh(self):
        return self._node(math.tanh(self.data), (self,), "tanh")

    def exp(self):
        return self._node(math.exp(self.data), (self,), "exp")

    def log(self):
        return self._node(math.log(self.data), (self,), "log")

    def sin(self):
        return self._node(math.sin(self.data), (self,), "sin")

    def relu(self):
        return self._node(max(self.data, 0.0), (self,), "relu")

    def _send(self):
        """Add this node's contribution to its children's gradients."""
        g, kids = self.grad, self.children
        if self.op == "add":
            kids[0].grad += g
            kids[1].grad += g
        elif self.op == "sub":
            kids[0].grad += g
            kids[1].grad -= g
        elif self.op == "mul":
            kids[0].grad += kids[1].data * g
            kids[1].grad += kids[0].data * g
        elif self.op == "div":
            a, b = kids
            a.grad += g / b.data
            b.grad -= g * a.data / (b.data * b.data)
        elif self.op == "neg":
            kids[0].grad -= g
        elif self.op == "pow":
            kids[0].grad += self.arg * kids[0].data ** (self.arg - 1) * g
        elif self.op == "tanh":
            kids[0].grad += (1.0 - self.data ** 2) * g
        elif self.op == "exp":
            kids[0].grad += self.data * g
        elif self.op == "log":
            kids[0].grad += g / kids[0].data
        elif self.op == "sin":
            kids[0].grad += math.cos(kids[0].data) * g
        elif self.op == "relu":
            kids[0].grad += g if kids[0].data > 0 else 0.0

    def zero_grad(self):
        for node in _topological(self, [], set()):
            node.grad = 0.0

    def backward(self):
        order = _topological(self, [], set())
        self.grad = 1.0
        for node in reversed(order):
            node._send()


def mlp(params, x):
    out = params["b2"]
    for j, (b_j, w_j) in enumerate(zip(params["b1"], params["w2"])):
        z = b_j
        for i, x_i in enumerate(x):
            z = z + x_i * params["W1"][i][j]
        out = out + z.tanh() * w_j
    return out


def train(params, X, y, epochs, lr):
    def all_values():
        yield from (v for row in params["W1"] for v in row)
        yield from params["b1"]
        yield from params["w2"]
        yield params["b2"]

    losses = []
    for _ in range(epochs):
        for x, t in zip(X, y):
            loss = (mlp(params, x) - t) ** 2 * 0.5
            losses.append(loss.data)
            for v in all_values():
                v.grad = 0.0
            loss.backward()
            for v in all_values():
                v.data -= lr * v.grad
    return losses

"""Every _backward assigns its contribution (self.grad = ...) instead of adding
it (+=): a node used more than once keeps only one contribution, so x * x gives
x instead of 2x. Invisible when every node is used once, as in a network's graph
for a single example; the visible test of the convention (backward() twice must
add up) shows it."""
LOSES = ['test_Value', 'hidden_Value_reuse', 'hidden_Value_accumulate', 'hidden_Value_random']


class Value(Value):
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, p):
        out = Value(self.data ** p, (self,), f"**{p}")

        def _backward():
            self.grad = p * self.data ** (p - 1) * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad = (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

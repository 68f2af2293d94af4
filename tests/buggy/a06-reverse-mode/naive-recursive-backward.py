"""backward() recurses from the output without a topological sort: a shared
node calls its _backward once per path, before all its uses have contributed,
which over-counts on diamond graphs (right on trees, as in the visible tests)."""
LOSES = ['hidden_Value_reuse', 'hidden_Value_random']


class Value(Value):
    def backward(self):
        def propagate(v):
            v._backward()
            for child in v._prev:
                propagate(child)
        self.grad = 1.0
        propagate(self)

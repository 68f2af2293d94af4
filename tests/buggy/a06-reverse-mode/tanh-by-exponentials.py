"""tanh is computed as (e^2x - 1) / (e^2x + 1), as micrograd writes it: math.exp overflows
(OverflowError) for x above about 355, where tanh is simply 1."""
LOSES = ["hidden_Value_random"]


class Value(Value):
    def tanh(self):
        e = math.exp(2 * self.data)
        t = (e - 1) / (e + 1)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

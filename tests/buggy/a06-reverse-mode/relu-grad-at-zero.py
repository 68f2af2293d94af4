"""relu passes the gradient where x >= 0, so its derivative at exactly 0 is 1
instead of the convention 0, which the visible test teaches with x.relu() at 0."""
LOSES = ['test_Value', 'hidden_Value_accumulate']


class Value(Value):
    def relu(self):
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data >= 0 else 0.0) * out.grad
        out._backward = _backward
        return out

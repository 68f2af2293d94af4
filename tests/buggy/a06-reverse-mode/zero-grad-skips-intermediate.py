"""zero_grad() resets the result and the leaves (the weights and inputs) but not
the intermediate nodes: their stale gradients flow on to the leaves at the next
backward(). A graph with no intermediate node, as in the visible test, hides it."""
LOSES = ['hidden_Value_accumulate']


class Value(Value):
    def zero_grad(self):
        seen, stack = set(), [self]
        while stack:
            v = stack.pop()
            if v not in seen:
                seen.add(v)
                if v is self or not v._prev:
                    v.grad = 0.0
                stack.extend(v._prev)

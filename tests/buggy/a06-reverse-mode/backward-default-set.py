"""backward() keeps its visited set in a default argument, `seen=set()`, which Python
creates once, when the method is defined. The first backward pass is right; every
later one skips the nodes some earlier pass has visited, so a second backward() on
the same graph (or on a graph that reuses its nodes) adds nothing."""
LOSES = ['test_Value', 'hidden_Value_accumulate']


class Value(Value):
    def backward(self, seen=set()):
        order = []

        def visit(node):
            if node not in seen:
                seen.add(node)
                for child in node._prev:
                    visit(child)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()

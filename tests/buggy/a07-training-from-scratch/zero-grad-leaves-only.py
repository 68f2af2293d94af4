"""zero_grad() resets only the leaves (nodes without parents): a stale gradient left on an
intermediate node flows into the next backward()."""
LOSES = ["test_Tensor", "hidden_Tensor_engine"]


class Tensor(Tensor):
    def zero_grad(self):
        for node in self._topological_order():
            if not node._parents:
                node.grad = np.zeros_like(node.data)

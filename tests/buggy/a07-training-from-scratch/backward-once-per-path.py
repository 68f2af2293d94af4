"""backward() recurses from the output and calls each node's closure once per path to it,
passing on gradients before they are complete (the naive recursion of Assignment 6). Right
on trees, wrong wherever an intermediate node is used twice: in the engine's tests, and so in
the cross-entropy (the shifted scores are used twice) and in training."""
LOSES = ["test_Tensor", "hidden_Tensor_core", "hidden_Tensor_engine", "test_cross_entropy", "hidden_cross_entropy_core",
         "hidden_cross_entropy_stability", "test_train_mlp", "hidden_train_mlp_core", "hidden_train_mlp_trajectory"]


class Tensor(Tensor):
    def backward(self):
        self.grad = np.ones_like(self.data)
        self._push()

    def _push(self):
        self._backward()
        for parent in self._parents:
            parent._push()

"""mean(axis) divides the sum by the number of ALL entries, not by the length of the axis: right
for axis=None and for a 1-D Tensor, wrong for a mean over one axis of a 2-D Tensor. The visible gradient check passes: it compares
the answer with centered differences of the same wrong mean."""
LOSES = ["hidden_Tensor_broadcast"]


class Tensor(Tensor):
    def mean(self, axis=None, keepdims=False):
        return self.sum(axis=axis, keepdims=keepdims) / self.data.size

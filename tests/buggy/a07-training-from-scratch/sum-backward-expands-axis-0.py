"""sum's backward puts the summed axis back at position 0 whatever the axis was: right for
axis=0 and for keepdims=True (the visible test's cases), wrong for axis=1 without keepdims."""
LOSES = ["hidden_Tensor_broadcast"]


class Tensor(Tensor):
    def sum(self, axis=None, keepdims=False):
        out = Tensor(self.data.sum(axis=axis, keepdims=keepdims), (self,))

        def _backward():
            g = out.grad if keepdims or axis is None else np.expand_dims(out.grad, 0)
            self.grad += np.broadcast_to(g, self.data.shape)
        out._backward = _backward
        return out

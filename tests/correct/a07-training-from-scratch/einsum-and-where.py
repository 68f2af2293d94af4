"""A right answer with other primitives: the matrix product and its gradients by np.einsum,
ReLU by np.where, division as multiplication by the reciprocal with its own gradient, and
mean written as sum times 1/n."""
LOSES = []


class Tensor(Tensor):
    def __matmul__(self, other):
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(np.einsum("ik,kj->ij", self.data, other.data), (self, other))

        def _backward():
            self.grad += np.einsum("ij,kj->ik", out.grad, other.data)
            other.grad += np.einsum("ik,ij->kj", self.data, out.grad)
        out._backward = _backward
        return out

    def relu(self):
        out = Tensor(np.where(self.data > 0, self.data, 0.0), (self,))

        def _backward():
            self.grad += np.where(self.data > 0, out.grad, 0.0)
        out._backward = _backward
        return out

    def _reciprocal(self):
        out = Tensor(1.0 / self.data, (self,))

        def _backward():
            self.grad += -out.grad / self.data ** 2
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Tensor) else Tensor(other)
        return self * other._reciprocal()

    def mean(self, axis=None, keepdims=False):
        n = np.prod(self.data.shape) if axis is None else self.data.shape[axis]
        return self.sum(axis=axis, keepdims=keepdims) * (1.0 / n)

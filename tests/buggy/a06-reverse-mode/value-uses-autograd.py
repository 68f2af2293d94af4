"""Value.tanh takes its local derivative from autograd.grad: the numbers would be
right, but the engine is not written from scratch. autograd is not in the grading
sandbox, so tanh fails there, and every item built on it loses its points."""
LOSES = ['test_Value',
         'hidden_Value_reuse',
         'hidden_Value_accumulate',
         'hidden_Value_random',
         'test_mlp',
         'hidden_mlp_core',
         'hidden_mlp_properties',
         'test_train',
         'hidden_train_core',
         'hidden_train_xor']


class Value(Value):
    def tanh(self):
        import autograd
        import autograd.numpy as anp

        out = Value(math.tanh(self.data), (self,), "tanh")
        local = autograd.grad(anp.tanh)(float(self.data))

        def _backward():
            self.grad += local * out.grad
        out._backward = _backward
        return out

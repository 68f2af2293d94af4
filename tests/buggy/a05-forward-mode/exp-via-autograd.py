"""exp takes the derivative from autograd.grad: the numbers are right, but the
answer is not written from scratch."""
LOSES = ["hidden_elementary_functions"]


def exp(u):
    import autograd
    import autograd.numpy as anp
    if isinstance(u, Dual):
        return Dual(math.exp(u.value), autograd.grad(anp.exp)(float(u.value)) * u.deriv)
    return math.exp(u)

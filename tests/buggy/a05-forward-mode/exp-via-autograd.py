"""exp takes the derivative from autograd.grad: the numbers would be right, but
the answer is not written from scratch. autograd is not in the grading sandbox,
so exp fails there: the elementary functions lose all their points, and so does
the visible test of derivative, which uses exp."""
LOSES = ['test_elementary_functions',
         'hidden_elementary_functions_core',
         'hidden_elementary_functions_compositions',
         'test_derivative']


def exp(u):
    import autograd
    import autograd.numpy as anp
    if isinstance(u, Dual):
        return Dual(math.exp(u.value), autograd.grad(anp.exp)(float(u.value)) * u.deriv)
    return math.exp(u)

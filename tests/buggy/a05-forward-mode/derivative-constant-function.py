"""derivative assumes f returns a Dual: a constant function that returns a plain
number raises AttributeError instead of giving the derivative 0."""
LOSES = ['hidden_derivative_core']


def derivative(f, x):
    out = f(Dual(x, 1.0))
    return out.value, out.deriv

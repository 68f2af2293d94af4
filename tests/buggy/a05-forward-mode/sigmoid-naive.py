"""sigmoid computes 1 / (1 + exp(-u)) for every u: math.exp overflows (OverflowError) for a
large negative u, where the stable form returns a number near 0."""
LOSES = ["hidden_elementary_functions_core"]


def sigmoid(u):
    if isinstance(u, Dual):
        s = 1.0 / (1.0 + math.exp(-u.value))
        return Dual(s, s * (1.0 - s) * u.deriv)
    return 1.0 / (1.0 + math.exp(-u))

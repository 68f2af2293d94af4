"""cos has the derivative +sin(u) instead of -sin(u) (invisible at u = 0)."""
LOSES = ['hidden_elementary_functions_core', 'hidden_elementary_functions_compositions']


def cos(u):
    if isinstance(u, Dual):
        return Dual(np.cos(u.value), np.sin(u.value) * u.deriv)
    return np.cos(u)

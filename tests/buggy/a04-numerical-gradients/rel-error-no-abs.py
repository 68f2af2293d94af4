"""rel_error forgets the absolute value of the numerator: it is negative wherever a < b.
check_gradients, which uses it, then misses errors of one sign, and loses its
hidden points too."""
LOSES = ['hidden_rel_error_core', 'hidden_check_gradients_arguments']


def rel_error(a, b, eps=1e-12):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return (a - b) / np.maximum(eps, np.abs(a) + np.abs(b))

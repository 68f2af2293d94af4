"""rel_error has no eps floor in the denominator: 0 / 0 gives nan where both entries are 0."""
LOSES = ['hidden_rel_error_core', 'hidden_rel_error_edges']


def rel_error(a, b, eps=1e-12):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.abs(a - b) / (np.abs(a) + np.abs(b))

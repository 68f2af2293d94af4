"""Each entry is moved by +h, then -2h, then +h to put it back. In floating point that does not
always return the entry to its old value: the caller's array is left changed in its last bits,
and check_gradients, which perturbs the parameters through it, leaves them changed too."""
LOSES = ["hidden_centered_difference_core", "hidden_check_gradients_core", "hidden_check_gradients_many",
         "hidden_check_gradients_arguments"]


def centered_difference(f, x, h=1e-5):
    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        f_plus = float(f(x))
        x[idx] -= 2 * h
        f_minus = float(f(x))
        x[idx] += h
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad

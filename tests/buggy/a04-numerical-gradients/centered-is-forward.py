"""centered_difference is a one-sided (forward) difference: its error is O(h),
about 1e-5 relative, instead of O(h^2). check_gradients, which uses it, reports
errors a thousand times too large on a steep function, and loses its hidden
points too."""
LOSES = ['hidden_centered_difference_core',
         'hidden_centered_difference_arguments',
         'hidden_check_gradients_arguments']


def centered_difference(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    fx = f(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        grad[idx] = (f(x) - fx) / h
        x[idx] = old
    return grad

"""forward_difference never puts the perturbed entry back: x comes back moved by h
in every entry, and each later partial derivative is taken at a shifted point
(invisible for separable functions such as sum(x**2), wrong for others)."""
LOSES = ['hidden_forward_difference_core', 'hidden_forward_difference_arguments']


def forward_difference(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        fx = f(x)
        x[idx] = x[idx] + h
        grad[idx] = (f(x) - fx) / h
    return grad

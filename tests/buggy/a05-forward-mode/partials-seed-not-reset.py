"""partial_derivatives reuses one list of seeds and never sets the previous input's
seed back to 0, so sweep i differentiates along x_1 + ... + x_i: df/dx1 is right,
the later partials are sums."""
LOSES = ['test_partial_derivatives', 'hidden_partial_derivatives_core', 'hidden_partial_derivatives_edges']


def partial_derivatives(f, xs):
    seeds = [0.0] * len(xs)
    grads = []
    for i in range(len(xs)):
        seeds[i] = 1.0
        out = f(*[Dual(v, s) for v, s in zip(xs, seeds)])
        value = out.value if isinstance(out, Dual) else out
        grads.append(out.deriv if isinstance(out, Dual) else 0.0)
    return value, grads

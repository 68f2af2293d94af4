"""Each sweep makes a Dual of the input it seeds and passes the other inputs as plain numbers.
That works for an f written with the operations, which accept plain numbers, but not for an f
that reads .value and .deriv of its inputs: the course passes every input as a Dual."""
LOSES = ["test_partial_derivatives", "hidden_partial_derivatives_core"]


def partial_derivatives(f, xs):
    xs = [float(v) for v in xs]
    if not xs:
        return float(f()), []
    grads = []
    for i in range(len(xs)):
        args = list(xs)
        args[i] = Dual(xs[i], 1.0)
        out = f(*args)
        value = out.value if isinstance(out, Dual) else float(out)
        grads.append(out.deriv if isinstance(out, Dual) else 0.0)
    return value, grads

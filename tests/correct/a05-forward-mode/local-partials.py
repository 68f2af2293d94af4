"""A right answer in another style: every operation states its local partial derivatives
and one helper applies the chain rule; the elementary functions come from a table of
(function, derivative) pairs; partial derivatives reuse derivative() on one argument
at a time."""
LOSES = []


class Dual:
    def __init__(self, value, deriv=0.0):
        self.value, self.deriv = float(value), float(deriv)

    @staticmethod
    def _of(x):
        return x if isinstance(x, Dual) else Dual(x, 0.0)

    @staticmethod
    def _rule(a, b, value, d_a, d_b):
        """The chain rule: value, with local partials d_a = dv/da and d_b = dv/db."""
        return Dual(value, d_a * a.deriv + d_b * b.deriv)

    def __add__(self, other):
        o = Dual._of(other)
        return Dual._rule(self, o, self.value + o.value, 1.0, 1.0)

    def __radd__(self, other):
        return Dual._of(other) + self

    def __sub__(self, other):
        o = Dual._of(other)
        return Dual._rule(self, o, self.value - o.value, 1.0, -1.0)

    def __rsub__(self, other):
        return Dual._of(other) - self

    def __mul__(self, other):
        o = Dual._of(other)
        return Dual._rule(self, o, self.value * o.value, o.value, self.value)

    def __rmul__(self, other):
        return Dual._of(other) * self

    def __truediv__(self, other):
        o = Dual._of(other)
        return Dual._rule(self, o, self.value / o.value, 1.0 / o.value, -self.value / o.value ** 2)

    def __rtruediv__(self, other):
        return Dual._of(other) / self

    def __pow__(self, p):
        return Dual._rule(self, Dual(0.0), self.value ** p, p * self.value ** (p - 1), 0.0)

    def __neg__(self):
        return Dual._rule(self, Dual(0.0), -self.value, -1.0, 0.0)


def _logistic(t):
    return 1.0 / (1.0 + math.exp(-t)) if t >= 0 else math.exp(t) / (1.0 + math.exp(t))


def _elementary(name, u):
    table = {
        "exp": (math.exp, math.exp),
        "log": (math.log, lambda t: 1.0 / t),
        "sin": (math.sin, math.cos),
        "cos": (math.cos, lambda t: -math.sin(t)),
        "tanh": (math.tanh, lambda t: 1.0 - math.tanh(t) ** 2),
        "sigmoid": (_logistic, lambda t: _logistic(t) * (1.0 - _logistic(t))),
    }
    fn, dfn = table[name]
    if isinstance(u, Dual):
        return Dual(fn(u.value), dfn(u.value) * u.deriv)
    return fn(u)


def exp(u):
    return _elementary("exp", u)


def log(u):
    return _elementary("log", u)


def sin(u):
    return _elementary("sin", u)


def cos(u):
    return _elementary("cos", u)


def tanh(u):
    return _elementary("tanh", u)


def sigmoid(u):
    return _elementary("sigmoid", u)


def derivative(f, x):
    out = f(Dual(x, 1.0))
    try:
        return out.value, out.deriv
    except AttributeError:
        return float(out), 0.0


def partial_derivatives(f, xs):
    xs = [float(v) for v in xs]
    value = derivative(lambda t: f(), 0.0)[0] if not xs else None
    grads = []
    for i in range(len(xs)):
        def along_i(t, i=i):
            return f(*[t if j == i else Dual(v, 0.0) for j, v in enumerate(xs)])
        value, d = derivative(along_i, xs[i])
        grads.append(d)
    return value, grads

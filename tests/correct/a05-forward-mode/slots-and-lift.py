"""A right answer in another style: a Dual with __slots__ and a helper that lifts
plain numbers, reflected operators written out, and one chain-rule helper for
the elementary functions."""
LOSES = []


class Dual:
    __slots__ = ("value", "deriv")

    def __init__(self, value, deriv=0.0):
        self.value, self.deriv = float(value), float(deriv)

    def __repr__(self):
        return f"Dual(value={self.value!r}, deriv={self.deriv!r})"

    @staticmethod
    def lift(x):
        return x if isinstance(x, Dual) else Dual(x)

    def __add__(self, other):
        o = Dual.lift(other)
        return Dual(self.value + o.value, self.deriv + o.deriv)

    def __radd__(self, other):
        return Dual.lift(other) + self

    def __sub__(self, other):
        o = Dual.lift(other)
        return Dual(self.value - o.value, self.deriv - o.deriv)

    def __rsub__(self, other):
        return Dual.lift(other) - self

    def __mul__(self, other):
        o = Dual.lift(other)
        return Dual(self.value * o.value, self.value * o.deriv + self.deriv * o.value)

    def __rmul__(self, other):
        return Dual.lift(other) * self

    def __truediv__(self, other):
        o = Dual.lift(other)
        q = self.value / o.value
        return Dual(q, (self.deriv - q * o.deriv) / o.value)

    def __rtruediv__(self, other):
        return Dual.lift(other) / self

    def __pow__(self, p):
        return Dual(self.value ** p, p * self.value ** (p - 1) * self.deriv)

    def __neg__(self):
        return Dual(-self.value, -self.deriv)


def _chain(u, value, slope):
    return Dual(value, slope * u.deriv) if isinstance(u, Dual) else value


def exp(u):
    v = math.exp(u.value if isinstance(u, Dual) else u)
    return _chain(u, v, v)


def log(u):
    x = u.value if isinstance(u, Dual) else u
    return _chain(u, math.log(x), 1.0 / x)


def sin(u):
    x = u.value if isinstance(u, Dual) else u
    return _chain(u, math.sin(x), math.cos(x))


def cos(u):
    x = u.value if isinstance(u, Dual) else u
    return _chain(u, math.cos(x), -math.sin(x))


def tanh(u):
    t = math.tanh(u.value if isinstance(u, Dual) else u)
    return _chain(u, t, 1.0 - t * t)


def sigmoid(u):
    x = u.value if isinstance(u, Dual) else u
    s = 0.5 * (1.0 + math.tanh(0.5 * x))
    return _chain(u, s, s * (1.0 - s))


def derivative(f, x):
    out = f(Dual(x, 1.0))
    return (out.value, out.deriv) if isinstance(out, Dual) else (float(out), 0.0)


def partial_derivatives(f, xs):
    xs = list(xs)
    if not xs:
        return float(f()), []
    grads, value = [], None
    for i in range(len(xs)):
        out = f(*(Dual(v, float(j == i)) for j, v in enumerate(xs)))
        value, d = (out.value, out.deriv) if isinstance(out, Dual) else (float(out), 0.0)
        grads.append(d)
    return value, grads

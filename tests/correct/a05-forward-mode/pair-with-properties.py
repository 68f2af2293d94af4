"""A right answer in another style: a Dual that stores one tuple and exposes value and
deriv as read-only properties, reflected operators that swap their operands through
one helper, and sweeps seeded from the rows of an identity matrix."""
LOSES = []


class Dual:
    def __init__(self, value, deriv=0.0):
        self._pair = (float(value), float(deriv))

    value = property(lambda self: self._pair[0])
    deriv = property(lambda self: self._pair[1])

    def __repr__(self):
        return "Dual(%r, %r)" % self._pair

    def _both(self, other, swap=False):
        other = other if isinstance(other, Dual) else Dual(other)
        return (other, self) if swap else (self, other)

    def __add__(self, other, swap=False):
        a, b = self._both(other, swap)
        return Dual(a.value + b.value, a.deriv + b.deriv)

    def __radd__(self, other):
        return self.__add__(other, swap=True)

    def __sub__(self, other, swap=False):
        a, b = self._both(other, swap)
        return Dual(a.value - b.value, a.deriv - b.deriv)

    def __rsub__(self, other):
        return self.__sub__(other, swap=True)

    def __mul__(self, other, swap=False):
        a, b = self._both(other, swap)
        return Dual(a.value * b.value, a.value * b.deriv + b.value * a.deriv)

    def __rmul__(self, other):
        return self.__mul__(other, swap=True)

    def __truediv__(self, other, swap=False):
        a, b = self._both(other, swap)
        q = a.value / b.value
        return Dual(q, (a.deriv - q * b.deriv) / b.value)

    def __rtruediv__(self, other):
        return self.__truediv__(other, swap=True)

    def __pow__(self, p):
        return Dual(self.value ** p, p * self.value ** (p - 1) * self.deriv)

    def __neg__(self):
        return Dual(0.0) - self


def exp(u):
    if not isinstance(u, Dual):
        return math.exp(u)
    return Dual(math.exp(u.value), math.exp(u.value) * u.deriv)


def log(u):
    if not isinstance(u, Dual):
        return math.log(u)
    return Dual(math.log(u.value), u.deriv / u.value)


def sin(u):
    if not isinstance(u, Dual):
        return math.sin(u)
    return Dual(math.sin(u.value), u.deriv * math.cos(u.value))


def cos(u):
    if not isinstance(u, Dual):
        return math.cos(u)
    return Dual(math.cos(u.value), -u.deriv * math.sin(u.value))


def tanh(u):
    if not isinstance(u, Dual):
        return math.tanh(u)
    t = math.tanh(u.value)
    return Dual(t, u.deriv * (1.0 - t) * (1.0 + t))


def sigmoid(u):
    if isinstance(u, Dual):
        s = sigmoid(u.value)
        return Dual(s, u.deriv * s * (1.0 - s))
    return 0.5 * (1.0 + math.tanh(0.5 * u))


def derivative(f, x):
    out = f(Dual(x, 1.0))
    return (out.value, out.deriv) if isinstance(out, Dual) else (float(out), 0.0)


def partial_derivatives(f, xs):
    xs = np.asarray(xs, dtype=float)
    if xs.size == 0:
        return float(f()), []
    outs = [f(*[Dual(v, s) for v, s in zip(xs, seed)]) for seed in np.eye(xs.size)]
    values = [(o.value, o.deriv) if isinstance(o, Dual) else (float(o), 0.0) for o in outs]
    return values[0][0], [d for _, d in values]

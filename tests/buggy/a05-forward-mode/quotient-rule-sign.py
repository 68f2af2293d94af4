"""Dual.__truediv__ adds the two terms of the quotient rule, (u'v + uv') / v^2:
right when the denominator is a constant, wrong otherwise (and so is c / x)."""
LOSES = ['hidden_Dual_operations', 'hidden_Dual_random']


class Dual:
    def __init__(self, value, deriv=0.0):
        self.value = value
        self.deriv = deriv

    @staticmethod
    def _lift(x):
        return x if isinstance(x, Dual) else Dual(x, 0.0)

    def __add__(self, other):
        other = Dual._lift(other)
        return Dual(self.value + other.value, self.deriv + other.deriv)

    __radd__ = __add__

    def __sub__(self, other):
        other = Dual._lift(other)
        return Dual(self.value - other.value, self.deriv - other.deriv)

    def __rsub__(self, other):
        return Dual._lift(other) - self

    def __mul__(self, other):
        other = Dual._lift(other)
        return Dual(self.value * other.value, self.deriv * other.value + self.value * other.deriv)

    __rmul__ = __mul__

    def __truediv__(self, other):
        other = Dual._lift(other)
        return Dual(self.value / other.value,
                    (self.deriv * other.value + self.value * other.deriv) / (other.value * other.value))

    def __rtruediv__(self, other):
        return Dual._lift(other) / self

    def __pow__(self, p):
        return Dual(self.value ** p, p * self.value ** (p - 1) * self.deriv)

    def __neg__(self):
        return Dual(-self.value, -self.deriv)

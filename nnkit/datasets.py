"""Small seeded data sets that need no network.

Every function returns X: (N, D) float64 and y: (N,) int labels.
scikit-learn (a second's import) is imported by the functions that use it,
so that a notebook that only needs xor or spirals starts fast.
"""

import numpy as np


def xor():
    """The four XOR points. X: (4, 2) in {0, 1}, y: (4,) = x1 xor x2."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, np.array([0, 1, 1, 0])


def _check_n(n):
    if int(n) != n or n < 2:
        raise ValueError(f"n must be a whole number of at least 2, got {n!r}")
    return int(n)


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles. X: (n, 2), y: (n,) in {0, 1}."""
    from sklearn.datasets import make_moons

    X, y = make_moons(_check_n(n), noise=noise, random_state=seed)
    return X.astype(np.float64), y


def circles(n=200, noise=0.05, factor=0.5, seed=0):
    """A small circle inside a large one. X: (n, 2), y: (n,) in {0, 1}."""
    from sklearn.datasets import make_circles

    X, y = make_circles(_check_n(n), noise=noise, factor=factor, random_state=seed)
    return X.astype(np.float64), y


def spirals(n=300, classes=3, noise=0.2, seed=0):
    """`classes` interleaved spiral arms. X: (n, 2), y: (n,) in [0, classes)."""
    n = _check_n(n)
    if classes < 2:
        raise ValueError(f"classes must be at least 2, got {classes}")
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    r = np.linspace(0.05, 1.0, n)[rng.permutation(n)]
    theta = y * 2 * np.pi / classes + 4.0 * r + rng.normal(0, noise, n)
    return np.column_stack([r * np.sin(theta), r * np.cos(theta)]), y


def digits(test_size=0.25, seed=0):
    """scikit-learn's 8x8 handwritten digits, pixels scaled to [0, 1].

    Returns X_train: (N_train, 64), X_test: (N_test, 64), y_train, y_test in [0, 10).
    The split is stratified and fixed by `seed`.
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    d = load_digits()
    X = d.data.astype(np.float64) / 16.0
    return tuple(train_test_split(X, d.target, test_size=test_size, random_state=seed, stratify=d.target))

"""Small seeded data sets that need no network.

Every function returns X: (N, D) float64 and y: (N,) int labels.
scikit-learn (a second's import) is imported by the functions that use it,
so that a notebook that only needs xor or spirals starts fast.
"""

import functools
import importlib.util
from pathlib import Path

import numpy as np

DIGITS_SPLIT = Path(__file__).with_name("digits_split.npz")   # scikit-learn's split for test_size=0.25, seed=0


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


def _digits_file():
    """scikit-learn's file of the digits (1797 rows: 64 pixels in 0..16, then the label), found without
    importing scikit-learn."""
    package = importlib.util.find_spec("sklearn").submodule_search_locations[0]
    return Path(package) / "datasets" / "data" / "digits.csv.gz"


@functools.lru_cache(maxsize=1)
def _digits_data():
    """The digits file's (1797, 65) array, read once per process; callers take new arrays from it."""
    data = np.loadtxt(_digits_file(), delimiter=",")
    data.setflags(write=False)
    return data


def preload():
    """Import the parts of scikit-learn the data sets import lazily, and read the digits, now: for a
    process about to fork workers that use them (each would pay a second for scikit-learn otherwise)."""
    import sklearn.datasets  # noqa: F401
    import sklearn.model_selection  # noqa: F401

    _digits_data()


def _stratified_split(y, test_size, seed):
    """scikit-learn's train_test_split of range(len(y)), stratified by y: (train, test) index arrays."""
    from sklearn.model_selection import train_test_split

    return tuple(train_test_split(np.arange(len(y)), test_size=test_size, random_state=seed, stratify=y))


def digits(test_size=0.25, seed=0):
    """scikit-learn's 8x8 handwritten digits, pixels scaled to [0, 1].

    Returns X_train: (N_train, 64), X_test: (N_test, 64), y_train, y_test in [0, 10).
    The split is scikit-learn's, stratified and fixed by `seed`. The course's own split
    (the defaults) is read from DIGITS_SPLIT, which scikit-learn wrote: that spares
    every notebook a second of importing it.
    """
    data = _digits_data()
    X, y = data[:, :-1] / 16.0, data[:, -1].astype(int)
    if (test_size, seed) == (0.25, 0):
        with np.load(DIGITS_SPLIT) as split:
            train, test = split["train"], split["test"]
    else:
        train, test = _stratified_split(y, test_size, seed)
    return X[train], X[test], y[train], y[test]


if __name__ == "__main__":
    # python -m nnkit.datasets: write DIGITS_SPLIT again (after an upgrade of scikit-learn changed its split).
    labels = np.loadtxt(_digits_file(), delimiter=",")[:, -1].astype(int)
    train, test = _stratified_split(labels, 0.25, 0)
    np.savez_compressed(DIGITS_SPLIT, train=train.astype(np.int16), test=test.astype(np.int16))
    print(f"wrote {DIGITS_SPLIT}: {len(train)} training and {len(test)} test indices")

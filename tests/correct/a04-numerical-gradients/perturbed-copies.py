"""A right answer in another style: nothing is perturbed in place. Each evaluation gets
a perturbed copy (of x, or of the params dict with one array replaced), and the
steps along every axis come from the rows of an identity matrix."""
LOSES = []


def _directions(x, h):
    """(x.size, *x.shape): h times each unit vector e_i, shaped like x."""
    return h * np.eye(x.size).reshape((x.size,) + x.shape)


def forward_difference(f, x, h=1e-5):
    base = f(x.copy())
    steps = _directions(x, h)
    return np.array([(f(x + e) - base) / h for e in steps]).reshape(x.shape)


def centered_difference(f, x, h=1e-5):
    steps = _directions(x, h)
    return np.array([(f(x + e) - f(x - e)) / (2 * h) for e in steps]).reshape(x.shape)


def rel_error(a, b, eps=1e-12):
    diff = np.abs(np.subtract(a, b, dtype=float))
    return diff / np.fmax(np.abs(a) + np.abs(b), eps)


def check_gradients(f, params, grads, h=1e-5):
    errors, worst, best = {}, None, -1.0
    for name, p in params.items():
        numeric = centered_difference(lambda v: f({**params, name: v}), p, h)
        err = rel_error(np.asarray(grads[name], dtype=float), numeric)
        errors[name] = float(np.max(err))
        if np.isnan(best):
            continue
        if np.isnan(errors[name]):
            best, worst = np.nan, (name, np.unravel_index(np.argmax(np.isnan(err)), err.shape))
        elif errors[name] > best:
            best = errors[name]
            worst = (name, np.unravel_index(np.argmax(err), err.shape))
    return errors, worst


def step_size_study(f, df, x, hs):
    hs = np.asarray(hs, dtype=float)
    exact = df(x)
    err_forward = np.abs(np.array([f(x + h) - f(x) for h in hs]) / hs - exact)
    err_centered = np.abs(np.array([f(x + h) - f(x - h) for h in hs]) / (2 * hs) - exact)
    return err_forward, err_centered, hs[err_forward.argmin()], hs[err_centered.argmin()]

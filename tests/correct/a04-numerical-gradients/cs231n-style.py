"""A right answer in the style of CS231n's gradient_check.py, written here: np.nditer
with a multi_index over x opened readwrite, a relative error with np.abs, and the
worst entry found with max over (error, name, index) triples."""
LOSES = []


def forward_difference(f, x, h=1e-5):
    fx = f(x)
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + h
        fxph = f(x)
        x[ix] = oldval
        grad[ix] = (fxph - fx) / h
        it.iternext()
    return grad


def centered_difference(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + h
        fxph = f(x)
        x[ix] = oldval - h
        fxmh = f(x)
        x[ix] = oldval
        grad[ix] = (fxph - fxmh) / (2 * h)
        it.iternext()
    return grad


def rel_error(a, b, eps=1e-12):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.abs(a - b) / np.maximum(eps, np.abs(a) + np.abs(b))


def check_gradients(f, params, grads, h=1e-5):
    errors, candidates = {}, []
    for name in params:
        num = centered_difference(lambda _: f(params), params[name], h)
        err = rel_error(grads[name], num)
        errors[name] = float(err.max())
        ranked = np.where(np.isnan(err), np.inf, err)
        ix = np.unravel_index(ranked.argmax(), err.shape)
        candidates.append((float(ranked.max()), -len(candidates), name, tuple(int(i) for i in ix)))
    _, _, name, ix = max(candidates)
    return errors, (name, ix)


def step_size_study(f, df, x, hs):
    exact = df(x)
    err_f, err_c = [], []
    for h in hs:
        err_f.append(abs((f(x + h) - f(x)) / h - exact))
        err_c.append(abs((f(x + h) - f(x - h)) / (2 * h) - exact))
    err_f, err_c = np.array(err_f), np.array(err_c)
    return err_f, err_c, hs[int(np.argmin(err_f))], hs[int(np.argmin(err_c))]

"""A right answer in another style: perturb through a flat view of x (x.reshape(-1)
shares x's memory), np.maximum for the floor, and a helper of the student's own."""
LOSES = []


def forward_difference(f, x, h=1e-5):
    flat, grad = x.reshape(-1), np.empty(x.size)
    f0 = f(x)
    for i in range(x.size):
        keep = flat[i]
        flat[i] = keep + h
        grad[i] = (f(x) - f0) / h
        flat[i] = keep
    return grad.reshape(x.shape)


def centered_difference(f, x, h=1e-5):
    flat, grad = x.reshape(-1), np.empty(x.size)
    for i in range(x.size):
        keep = flat[i]
        flat[i] = keep + h
        up = f(x)
        flat[i] = keep - h
        down = f(x)
        flat[i] = keep
        grad[i] = (up - down) / (2 * h)
    return grad.reshape(x.shape)


def rel_error(a, b, eps=1e-12):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), eps)


def _worst_entry(err):
    nans = np.flatnonzero(np.isnan(err))
    i = int(nans[0]) if nans.size else int(np.argmax(err))
    return float(err.reshape(-1)[i]), tuple(int(j) for j in np.unravel_index(i, err.shape))


def check_gradients(f, params, grads, h=1e-5):
    errors, best = {}, ((-1, 0.0), None)
    for name in params:
        numeric = centered_difference(lambda _: f(params), params[name], h)
        value, index = _worst_entry(rel_error(grads[name], numeric))
        errors[name] = value
        key = (1, 0.0) if np.isnan(value) else (0, value)
        if key > best[0]:
            best = (key, (name, index))
    return errors, best[1]


def step_size_study(f, df, x, hs):
    exact = df(x)
    fwd = np.array([abs((f(x + h) - f(x)) / h - exact) for h in hs])
    ctr = np.array([abs((f(x + h) - f(x - h)) / (2 * h) - exact) for h in hs])
    return fwd, ctr, hs[int(np.argmin(fwd))], hs[int(np.argmin(ctr))]

"""Right answers with an explicit loop over the entries (np.nditer-free, flat views) and
the schedules written with math and a list comprehension for arrays."""
LOSES = []


def adagrad(w, dw, state, lr=0.01, eps=1e-8):
    import math
    w = np.array(w, dtype=float)
    cache = np.zeros(w.size) if state is None else np.array(state["cache"], dtype=float).ravel().copy()
    out = w.ravel().copy()
    g = np.asarray(dw, dtype=float).ravel()
    for i in range(out.size):
        cache[i] = cache[i] + g[i] * g[i]
        out[i] = out[i] - lr * g[i] / (math.sqrt(cache[i]) + eps)
    return out.reshape(w.shape), {"cache": cache.reshape(w.shape)}


def _each(t, f):
    # f(step) for an int step, or for every entry of an array of steps.
    if np.ndim(t) == 0:
        return f(int(t))
    return np.array([f(int(s)) for s in np.ravel(t)]).reshape(np.shape(t))


def step_decay(lr0, t, drop=0.5, every=10):
    import math
    return _each(t, lambda s: lr0 * drop ** math.floor(s / every))


def exponential_decay(lr0, t, k=0.1):
    import math
    return _each(t, lambda s: lr0 * math.exp(-k * s))


def inverse_time_decay(lr0, t, k=0.1):
    import math
    return _each(t, lambda s: lr0 / (1 + k * s))


def anneal(lr0, t, tau=10):
    return _each(t, lambda s: lr0 * tau / max(s, tau))

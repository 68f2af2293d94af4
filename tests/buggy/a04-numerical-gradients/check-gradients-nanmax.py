"""check_gradients takes np.nanmax and np.nanargmax "to be safe": a gradient with nan
entries then looks as good as its finite entries, and worst points somewhere else.
It is the kind of checker that lets a broken backward pass through."""
LOSES = ['test_check_gradients', 'hidden_check_gradients_many']


def check_gradients(f, params, grads, h=1e-5):
    errors, worst, worst_err = {}, None, -np.inf
    for name, p in params.items():
        numeric = centered_difference(lambda _: f(params), p, h)
        err = rel_error(np.asarray(grads[name], dtype=np.float64), numeric)
        errors[name] = float(np.nanmax(err))
        if errors[name] > worst_err:
            worst_err = errors[name]
            worst = (name, tuple(int(i) for i in np.unravel_index(np.nanargmax(err), err.shape)))
    return errors, worst

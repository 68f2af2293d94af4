"""check_gradients returns from inside its loop over the parameters, so only the
first parameter of the dict is ever checked."""
LOSES = ['test_check_gradients', 'hidden_check_gradients_core', 'hidden_check_gradients_many']


def check_gradients(f, params, grads, h=1e-5):
    errors = {}
    for name in params:
        numeric = centered_difference(lambda _: f(params), params[name], h)
        err = rel_error(grads[name], numeric)
        errors[name] = err.max()
        worst = (name, np.unravel_index(np.argmax(err), err.shape))
        return errors, worst

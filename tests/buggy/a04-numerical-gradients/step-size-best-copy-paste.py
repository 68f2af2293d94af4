"""step_size_study picks both best steps from the forward errors (a copy-paste slip),
so best_h_centered is the forward optimum near 1e-8 instead of about 1e-5."""
LOSES = ['hidden_step_size_study_core', 'hidden_step_size_study_fine']


def step_size_study(f, df, x, hs):
    err_forward, err_centered = [], []
    for h in hs:
        err_forward.append(abs((f(x + h) - f(x)) / h - df(x)))
        err_centered.append(abs((f(x + h) - f(x - h)) / (2 * h) - df(x)))
    best_forward = hs[int(np.argmin(err_forward))]
    best_centered = hs[int(np.argmin(err_forward))]
    return np.array(err_forward), np.array(err_centered), best_forward, best_centered

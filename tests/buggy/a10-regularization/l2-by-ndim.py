"""Weight matrices are recognised by their shape (every 2-D array) instead of the docstring's
rule (every key starting with "W"): a 1-D "W" is skipped and a 2-D non-"W" array is penalized.
The visible test teaches the rule with a 1-D "Wout" and a 2-D "E"."""
LOSES = ["test_l2_regularize", "hidden_l2_regularize_core"]


def l2_regularize(loss, grads, params, reg):
    is_w = {name: np.ndim(p) == 2 for name, p in params.items()}
    penalty = sum(np.sum(params[n] ** 2) for n in params if is_w[n])
    return loss + reg * penalty, {n: g + 2 * reg * params[n] if is_w[n] else np.array(g, dtype=float)
                                  for n, g in grads.items()}

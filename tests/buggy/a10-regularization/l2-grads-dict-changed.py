"""The regularized gradients are new arrays, but they are stored back into the caller's grads
dict (grads[name] = ...), which is returned: the caller's gradients change under it."""
LOSES = ["test_l2_regularize", "hidden_l2_regularize_core", "hidden_l2_regularize_properties"]


def l2_regularize(loss, grads, params, reg):
    penalty = 0.0
    for name, w in params.items():
        if name.startswith("W"):
            penalty += np.sum(w ** 2)
            grads[name] = grads[name] + 2 * reg * w
    return loss + reg * penalty, grads

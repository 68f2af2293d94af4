"""The penalty's gradient is added into the caller's gradient arrays (+=), which are returned:
right numbers once, but the caller's grads have changed."""
LOSES = ["test_l2_regularize", "hidden_l2_regularize_core", "hidden_l2_regularize_properties"]


def l2_regularize(loss, grads, params, reg):
    penalty = 0.0
    for name, w in params.items():
        if name.startswith("W"):
            penalty += np.sum(w ** 2)
            grads[name] += 2 * reg * w
    return loss + reg * penalty, grads

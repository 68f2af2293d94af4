"""The weight matrices are taken to be W1 and W2, as in the two-layer network of the visible test:
a third layer's W3, or weights named W or Wx, are not penalized. The visible test's 1-D "Wout" shows it."""
LOSES = ["test_l2_regularize", "hidden_l2_regularize_core"]


def l2_regularize(loss, grads, params, reg):
    new = dict(grads)
    penalty = 0.0
    for name in ("W1", "W2"):
        if name in params:
            penalty += np.sum(params[name] ** 2)
            new[name] = grads[name] + 2 * reg * params[name]
    return loss + reg * penalty, new

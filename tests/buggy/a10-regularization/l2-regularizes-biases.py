"""Every parameter is penalized, the biases too (as PyTorch's weight_decay does unless the biases
are put in their own group)."""
LOSES = ["test_l2_regularize", "hidden_l2_regularize_core"]


def l2_regularize(loss, grads, params, reg):
    penalty = sum(np.sum(w ** 2) for w in params.values())
    return loss + reg * penalty, {name: g + 2 * reg * params[name] for name, g in grads.items()}

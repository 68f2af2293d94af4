"""The loss averages over all N*K entries (np.mean) instead of over the N examples, and
the gradient matches that loss: the same as the course's convention for a single output
per example (the visible worked case), K times too small for K outputs."""
LOSES = ['hidden_mse_loss_core', 'hidden_mse_loss_properties']


def mse_loss(pred, target):
    diff = pred - target
    return 0.5 * np.mean(diff ** 2), diff / diff.size

"""The probabilities are computed stably (the row's maximum subtracted), but the loss takes the
log of the probability: a wrong class far ahead makes the right class's probability underflow to
0, and the loss becomes inf where log-softmax stays finite."""
LOSES = ["hidden_softmax_cross_entropy_stability"]


def softmax_cross_entropy(scores, y):
    n = scores.shape[0]
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(n), y]))
    dscores = p.copy()
    dscores[np.arange(n), y] -= 1.0
    return loss, dscores / n

"""The softmax exponentiates the raw scores without subtracting the row maximum:
right for moderate scores, nan for scores around +1000 or -1000."""
LOSES = ['hidden_softmax_cross_entropy_stability']


def softmax_cross_entropy(scores, y):
    n = scores.shape[0]
    e = np.exp(scores)
    p = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(n), y]))
    dscores = p.copy()
    dscores[np.arange(n), y] -= 1.0
    return loss, dscores / n

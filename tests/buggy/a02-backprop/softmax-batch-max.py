"""The softmax subtracts the maximum of the whole batch instead of each row's own
maximum: stable while all rows have similar scores, nan for a row whose scores are
far below the batch's largest score."""
LOSES = ['hidden_softmax_cross_entropy_stability']


def softmax_cross_entropy(scores, y):
    n = scores.shape[0]
    e = np.exp(scores - np.max(scores))
    p = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(n), y]))
    d = p.copy()
    d[np.arange(n), y] -= 1.0
    return loss, d / n

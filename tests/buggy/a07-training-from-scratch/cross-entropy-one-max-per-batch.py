"""The cross-entropy subtracts the largest score of the whole batch instead of each row's:
rows far below the maximum underflow to exp(-1000) = 0 and the log gives -inf. The visible
tests have one row, or all-equal scores."""
LOSES = ["hidden_cross_entropy_stability"]


def cross_entropy(scores, y):
    y = np.asarray(y)
    shifted = scores - scores.data.max()
    log_probs = shifted - shifted.exp().sum(axis=1, keepdims=True).log()
    onehot = np.zeros(scores.data.shape)
    onehot[np.arange(len(y)), y] = 1.0
    return -(log_probs * onehot).sum() / len(y)

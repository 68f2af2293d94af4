"""The lecture notes' recipe read literally: the SVD of the centred data itself, dividing by its
singular values, which are sqrt(N * S): every column then has variance 1 / N, not 1."""
LOSES = ["test_whiten", "hidden_whiten_core", "hidden_whiten_properties"]


def whiten(X_train, X_other, eps=1e-5):
    mean = X_train.mean(axis=0)
    _, s, Vt = np.linalg.svd(X_train - mean, full_matrices=False)
    return (X_train - mean) @ Vt.T / (s + eps), (X_other - mean) @ Vt.T / (s + eps)

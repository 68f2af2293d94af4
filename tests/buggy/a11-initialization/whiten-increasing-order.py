"""np.linalg.eigh's eigenvalues come in increasing order and are used as they come: the first
column is the direction of least variance."""
LOSES = ["test_whiten", "hidden_whiten_core", "hidden_whiten_properties"]


def whiten(X_train, X_other, eps=1e-5):
    mean = X_train.mean(axis=0)
    S, U = np.linalg.eigh(np.cov((X_train - mean).T, bias=True))
    return (X_train - mean) @ U / np.sqrt(S + eps), (X_other - mean) @ U / np.sqrt(S + eps)

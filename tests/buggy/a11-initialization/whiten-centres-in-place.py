"""The training set is centred in place (X_train -= mean) to save memory: the caller's data change."""
LOSES = ["test_whiten", "hidden_whiten_core", "hidden_whiten_properties"]


def whiten(X_train, X_other, eps=1e-5):
    mean = X_train.mean(axis=0)
    X_train -= mean
    U, S, _ = np.linalg.svd(X_train.T @ X_train / len(X_train))
    return X_train @ U / np.sqrt(S + eps), (X_other - mean) @ U / np.sqrt(S + eps)

"""The other set is centred on its own mean instead of the training set's: the statistics of a
later set leak into its preprocessing, and a shifted test set loses its shift."""
LOSES = ["test_whiten", "hidden_whiten_core", "hidden_whiten_properties"]


def whiten(X_train, X_other, eps=1e-5):
    mean = X_train.mean(axis=0)
    centred = X_train - mean
    U, S, _ = np.linalg.svd(centred.T @ centred / X_train.shape[0])
    scale = np.sqrt(S + eps)
    return centred @ U / scale, (X_other - X_other.mean(axis=0)) @ U / scale

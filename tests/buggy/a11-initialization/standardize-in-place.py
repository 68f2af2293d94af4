"""The training set is centred and scaled in place (-=, /=) and returned: the caller's raw data are
gone."""
LOSES = ["test_standardize", "hidden_standardize_core", "hidden_standardize_properties"]


def standardize(X_train, X_other, eps=1e-8):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    X_train -= mean
    X_train /= std + eps
    return X_train, (X_other - mean) / (std + eps)

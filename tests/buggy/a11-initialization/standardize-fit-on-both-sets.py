"""The mean and std are computed on the training and the other set together: the test set leaks
into the preprocessing."""
LOSES = ["test_standardize", "hidden_standardize_core", "hidden_standardize_properties"]


def standardize(X_train, X_other, eps=1e-8):
    both = np.vstack([X_train, X_other])
    mean, std = both.mean(axis=0), both.std(axis=0)
    return (X_train - mean) / (std + eps), (X_other - mean) / (std + eps)

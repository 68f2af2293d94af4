"""predict applies the ReLU after the output layer too: the argmax is unchanged while
some score of a row is positive (every row of the visible worked case), but a row of
negative scores becomes all zeros and is predicted as class 0."""
LOSES = ['hidden_predict_core']


def predict(params, X):
    h = np.maximum(0.0, X @ params["W1"] + params["b1"])
    scores = np.maximum(0.0, h @ params["W2"] + params["b2"])
    return np.argmax(scores, axis=1)

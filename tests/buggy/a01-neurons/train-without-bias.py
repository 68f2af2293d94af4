"""The training loop writes the update inline and forgets the bias: b stays 0, so the
perceptron can only learn boundaries through the origin. The visible set happens to
be separable through the origin; AND and the shifted hidden sets are not."""
LOSES = ['hidden_train_perceptron_core', 'hidden_train_perceptron_arguments']


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    X = np.asarray(X, dtype=np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    history = []
    for epoch in range(max_epochs):
        mistakes = 0
        for i in range(len(X)):
            y_hat = 1 if X[i] @ w + b >= 0 else 0
            if y_hat != y[i]:
                mistakes += 1
                w = w + lr * (y[i] - y_hat) * X[i]
        history.append(mistakes)
        if mistakes == 0:
            break
    return w, b, history

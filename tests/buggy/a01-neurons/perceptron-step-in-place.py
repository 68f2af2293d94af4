"""perceptron_step updates the caller's weight array in place (w += ...) and returns it. Training
still works, and a test that hands over a copy never sees it; the caller's w has changed."""
LOSES = ["test_perceptron_step", "hidden_perceptron_step_arguments"]


def perceptron_step(w, b, x, y, lr=1.0):
    y_hat = 1 if x @ w + b >= 0 else 0
    w += lr * (y - y_hat) * x
    return w, b + lr * (y - y_hat)

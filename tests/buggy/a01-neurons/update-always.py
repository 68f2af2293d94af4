"""perceptron_step moves w towards x for a 1 and away from x for a 0 on every example,
also when the prediction is already right (it ignores y - y_hat). The visible tests
only show it mistakes, where this coincides with the rule; training with it does not
stop on separable data, so train_perceptron loses its points as well."""
LOSES = ['hidden_perceptron_step_core',
         'test_train_perceptron',
         'hidden_train_perceptron_core',
         'hidden_train_perceptron_arguments']


def perceptron_step(w, b, x, y, lr=1.0):
    direction = 1 if y == 1 else -1
    return w + lr * direction * x, b + lr * direction

"""centered_difference hands the work to nnkit.gradcheck: the numbers are right,
but the answer is not written from scratch. check_gradients, which calls it,
loses its hidden points too."""
LOSES = ["hidden_centered_difference", "hidden_check_gradients"]


def centered_difference(f, x, h=1e-5):
    from nnkit.gradcheck import numerical_gradient
    return numerical_gradient(f, x, h)

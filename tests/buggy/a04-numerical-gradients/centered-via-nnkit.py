"""centered_difference hands the work to nnkit.gradcheck: the numbers would be
right, but the answer is not written from scratch. nnkit.gradcheck is not in the
grading sandbox, so the import fails there, and both centered_difference and
check_gradients, which calls it, lose all their points."""
LOSES = ['test_centered_difference',
         'hidden_centered_difference_core',
         'hidden_centered_difference_arguments',
         'test_check_gradients',
         'hidden_check_gradients_core',
         'hidden_check_gradients_many',
         'hidden_check_gradients_arguments']


def centered_difference(f, x, h=1e-5):
    from nnkit.gradcheck import numerical_gradient
    return numerical_gradient(f, x, h)

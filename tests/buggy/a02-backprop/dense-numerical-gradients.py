"""dense_backward returns numerical gradients from nnkit (through grading) instead of
the analytic formulas: every gradient check would pass, but the answer is not the
student's own backward pass, and it is far too slow for training. The grading
sandbox has no numerical gradients to hand out, so the dense layer loses all its
points."""
LOSES = ['test_dense', 'hidden_dense_core', 'hidden_dense_properties']


def dense_backward(dout, cache):
    x, W = cache
    b = np.zeros(W.shape[1])
    dx = grading.numerical_backward(lambda v: dense_forward(v, W, b)[0], x.copy(), dout)
    dW = grading.numerical_backward(lambda v: dense_forward(x, v, b)[0], W.copy(), dout)
    db = grading.numerical_backward(lambda v: dense_forward(x, W, v)[0], b, dout)
    return dx, dW, db

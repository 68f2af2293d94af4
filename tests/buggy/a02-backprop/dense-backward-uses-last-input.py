"""dense_forward saves its input in a global as well as in the cache, and
dense_backward takes x from the global: the gradient dW of a layer is then computed
with the input of whichever dense layer ran forward last."""
LOSES = ['hidden_dense_properties']


def dense_forward(x, W, b):
    global last_dense_input
    last_dense_input = x
    return x @ W + b, (x, W)


def dense_backward(dout, cache):
    _, W = cache
    return dout @ W.T, last_dense_input.T @ dout, dout.sum(axis=0)

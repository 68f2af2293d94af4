"""tanh_backward multiplies dout in place (dout *= ...) and returns it: the gradient is
right, but the caller's upstream gradient is overwritten."""
LOSES = ['test_tanh', 'hidden_tanh_properties']


def tanh_backward(dout, cache):
    dout *= 1.0 - cache ** 2
    return dout

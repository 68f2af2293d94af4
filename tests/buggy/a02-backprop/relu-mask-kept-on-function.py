"""relu_forward keeps its mask on the function object and relu_backward reads it from
there, ignoring its cache. That is right as long as every backward pass follows its
own forward pass at once; in a network with two ReLU layers, the first layer's
backward pass gets the second layer's mask."""
LOSES = ['hidden_relu_properties']


def relu_forward(z):
    relu_forward.mask = z > 0
    return np.maximum(0.0, z), None


def relu_backward(dout, cache):
    return dout * relu_forward.mask

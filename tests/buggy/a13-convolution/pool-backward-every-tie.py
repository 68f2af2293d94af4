"""CS231n's mask: the gradient goes to every entry equal to the window's maximum, so a tie
sends it twice (the course, numpy's argmax and PyTorch send it to the first maximum)."""
LOSES = ["test_max_pool_backward", "hidden_max_pool_backward_edges"]


def max_pool_backward(dout, cache):
    x, size, stride = cache
    dx = np.zeros(x.shape)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            window = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size]
            mask = window == window.max(axis=(2, 3), keepdims=True)
            dx[:, :, i * stride:i * stride + size, j * stride:j * stride + size] += mask * dout[:, :, i, j][:, :, None, None]
    return dx

"""Where windows overlap, the last window's gradient overwrites the earlier ones (= instead of
+=): right when the stride equals the size, as in the visible test."""
LOSES = ["hidden_max_pool_backward_core", "hidden_max_pool_backward_edges"]


def max_pool_backward(dout, cache):
    x, size, stride = cache
    n, c = x.shape[0], x.shape[1]
    dx = np.zeros(x.shape)
    images, channels = np.meshgrid(np.arange(n), np.arange(c), indexing="ij")
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            window = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].reshape(n, c, -1)
            first = window.argmax(axis=2)
            dx[images, channels, i * stride + first // size, j * stride + first % size] = dout[:, :, i, j]
    return dx

"""The running maximum of each window starts at 0, so a window whose entries are all negative
pools to 0 instead of its largest (negative) entry."""
LOSES = ["hidden_max_pool_forward_core", "hidden_max_pool_forward_edges", "test_max_pool_backward"]


def max_pool_forward(x, size=2, stride=2):
    n, c, h, wd = x.shape
    h_out, w_out = (h - size) // stride + 1, (wd - size) // stride + 1
    out = np.zeros((n, c, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            best = np.zeros((n, c))
            for p in range(size):
                for q in range(size):
                    best = np.maximum(best, x[:, :, i * stride + p, j * stride + q])
            out[:, :, i, j] = best
    return out, (x, size, stride)

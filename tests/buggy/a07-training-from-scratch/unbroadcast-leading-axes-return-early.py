"""unbroadcast returns as soon as it has summed the leading axes, so an input that lost
leading axes AND had length-1 axes ((1, 4) broadcast to (2, 3, 4)) gets the wrong shape.
Every visible case needs one kind of sum or the other, never both."""
LOSES = ["hidden_unbroadcast_core", "hidden_Tensor_broadcast"]


def unbroadcast(grad, shape):
    grad = np.asarray(grad, dtype=np.float64)
    lead = grad.ndim - len(shape)
    if lead > 0:
        return grad.sum(axis=tuple(range(lead)))
    for axis, n in enumerate(shape):
        if n == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad

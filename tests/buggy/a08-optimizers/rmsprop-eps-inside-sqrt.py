"""eps is added inside the square root, sqrt(cache + eps). With eps = 1e-8 and gradients of
size 1 the difference is invisible; with tiny gradients or a larger eps it is not. The
convention is taught by the visible tests of AdaGrad and RMSprop, with eps = 1."""
LOSES = ["test_rmsprop", "hidden_rmsprop_core", "hidden_rmsprop_properties"]


def rmsprop(w, dw, state, lr=0.01, decay_rate=0.99, eps=1e-8):
    cache = np.zeros_like(w) if state is None else state["cache"]
    cache = decay_rate * cache + (1 - decay_rate) * dw ** 2
    return w - lr * dw / np.sqrt(cache + eps), {"cache": cache}

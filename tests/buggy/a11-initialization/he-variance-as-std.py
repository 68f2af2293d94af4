"""He's variance 2 / fan_in is passed to rng.normal as the standard deviation."""
LOSES = ["test_init_weights", "hidden_init_weights_core"]


def init_weights(fan_in, fan_out, method="xavier", seed=0):
    rng = np.random.default_rng(seed)
    if method == "xavier":
        a = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-a, a, size=(fan_in, fan_out))
    if method == "he":
        return rng.normal(0.0, 2.0 / fan_in, size=(fan_in, fan_out))
    raise ValueError(method)

"""Xavier's bound uses the fan-in only, sqrt(6 / fan_in): the forward-only rule with a uniform
distribution, twice Xavier's variance for a square layer."""
LOSES = ["test_init_weights", "hidden_init_weights_core", "hidden_init_weights_arguments"]


def init_weights(fan_in, fan_out, method="xavier", seed=0):
    rng = np.random.default_rng(seed)
    if method == "xavier":
        return rng.uniform(-np.sqrt(6.0 / fan_in), np.sqrt(6.0 / fan_in), size=(fan_in, fan_out))
    if method == "he":
        return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
    raise ValueError(method)

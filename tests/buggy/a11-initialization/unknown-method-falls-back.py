"""Any method that is not "he" is treated as Xavier, so a typo ("glorot-normal", "He") silently
gives Xavier weights instead of an error."""
LOSES = ["hidden_init_weights_arguments"]


def init_weights(fan_in, fan_out, method="xavier", seed=0):
    rng = np.random.default_rng(seed)
    if method == "he":
        return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))

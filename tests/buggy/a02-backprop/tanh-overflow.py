"""tanh is computed from its definition (e^z - e^-z) / (e^z + e^-z), which overflows to
inf / inf = nan for |z| above about 710."""
LOSES = ['hidden_tanh_extremes']


def tanh_forward(z):
    out = (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
    return out, out

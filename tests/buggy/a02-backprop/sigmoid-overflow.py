"""The sigmoid is written as exp(z) / (1 + exp(z)): correct for moderate z, but
inf / inf = nan for z above about 710."""
LOSES = ['hidden_sigmoid_extremes']


def sigmoid_forward(z):
    out = np.exp(z) / (1.0 + np.exp(z))
    return out, out

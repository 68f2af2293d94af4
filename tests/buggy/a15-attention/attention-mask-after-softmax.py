"""The mask zeroes the weights after the softmax instead of the scores before it: the rows no longer
sum to 1 and the blocked positions still weigh in through the normalizer."""
LOSES = ["test_attention_forward", "hidden_attention_forward_core", "hidden_attention_forward_edges",
         "hidden_attention_backward_core", "hidden_attention_backward_edges"]


def attention_forward(q, k, v, mask=None):
    s = q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[2])
    a = np.exp(s - s.max(axis=2, keepdims=True))
    a = a / a.sum(axis=2, keepdims=True)
    if mask is not None:
        a = np.where(mask, a, 0.0)
    return a @ v, (q, k, v, a)

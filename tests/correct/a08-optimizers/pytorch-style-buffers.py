"""Right answers written the way PyTorch's optimizers keep state (buffers named after
torch.optim's, exp_avg and exp_avg_sq, converted to the course's names on return), with
Python's own arithmetic on explicit copies."""
LOSES = []


def momentum(w, dw, state, lr=0.01, mu=0.9):
    buf = np.zeros_like(w) if state is None else np.array(state["v"], copy=True)
    buf *= mu
    buf -= lr * dw
    return w + buf, {"v": buf}


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    state = state or {"m": np.zeros_like(w), "v": np.zeros_like(w), "t": 0}
    step = state["t"] + 1
    exp_avg = state["m"] * beta1 + dw * (1 - beta1)
    exp_avg_sq = state["v"] * beta2 + dw * dw * (1 - beta2)
    bias_correction1 = 1 - beta1 ** step
    bias_correction2 = 1 - beta2 ** step
    denom = np.sqrt(exp_avg_sq) / np.sqrt(bias_correction2) + eps
    return w - (lr / bias_correction1) * exp_avg / denom, {"m": exp_avg, "v": exp_avg_sq, "t": step}

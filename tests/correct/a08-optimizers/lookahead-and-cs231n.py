"""Right answers in other forms: Nesterov written with the PyTorch-style buffer
(w - lr * (dw + mu * b)), the same iterates with v = -lr * b while lr is constant;
RMSprop as CS231n's optim.py writes it, with config-style names."""
LOSES = []


def nesterov(w, dw, state, lr=0.01, mu=0.9):
    v_prev = 0.0 * w if state is None else state["v"]
    b = mu * (-v_prev / lr) + dw
    v = -lr * b
    w_next = w - lr * (dw + mu * b)
    return w_next, {"v": v}


def rmsprop(w, dw, state, lr=0.01, decay_rate=0.99, eps=1e-8):
    config = {"learning_rate": lr, "decay_rate": decay_rate, "epsilon": eps,
              "cache": np.zeros_like(w) if state is None else state["cache"]}
    config["cache"] = config["decay_rate"] * config["cache"] + (1 - config["decay_rate"]) * (dw ** 2)
    next_w = w - config["learning_rate"] * dw / (np.sqrt(config["cache"]) + config["epsilon"])
    return next_w, {"cache": config["cache"]}

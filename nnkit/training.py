"""The training loop unit 4's lectures share: full-batch gradient descent on a
one-hidden-layer ReLU network, with L2 and dropout as options, built from the
reference layers and losses.

It trains an MLP by backpropagation, so it answers a03: students receive it
once a03 is due (plan.toml), and answers may not call it.
"""

import numpy as np

from . import layers, losses


def fit_network(X, y, X_val, y_val, hidden, epochs, lr, seed, reg=0.0, keep=1.0):
    """Full-batch gradient descent on a D-hidden-10 ReLU network with softmax cross-entropy.

    X: (N, D), y: (N,) labels in [0, 10); X_val, y_val the same for validation. He-initialized
    from np.random.default_rng(seed). reg: L2 strength on W1 and W2 (reg * sum W**2, biases
    free); keep: dropout's keep probability on the hidden layer (inverted dropout, a new mask
    every epoch; 1 = none). Returns (params, history): params {"W1": (D, hidden), "b1": (hidden,),
    "W2": (hidden, 10), "b2": (10,)}, and history a dict of per-epoch lists "train" and "val"
    (the full network's losses, without the penalty), "train_acc" and "val_acc".
    """
    rng = np.random.default_rng(seed)
    p = {"W1": rng.normal(size=(X.shape[1], hidden)) * np.sqrt(2 / X.shape[1]), "b1": np.zeros(hidden),
         "W2": rng.normal(size=(hidden, 10)) * np.sqrt(2 / hidden), "b2": np.zeros(10)}
    history = {"train": [], "val": [], "train_acc": [], "val_acc": []}
    for _ in range(epochs):
        z, c1 = layers.dense_forward(X, p["W1"], p["b1"])
        h, c2 = layers.relu_forward(z)
        m = (rng.random(h.shape) < keep) / keep
        s, c3 = layers.dense_forward(h * m, p["W2"], p["b2"])
        _, ds = losses.softmax_cross_entropy(s, y)
        dh, dW2, db2 = layers.dense_backward(ds, c3)
        _, dW1, db1 = layers.dense_backward(layers.relu_backward(dh * m, c2), c1)
        grads = {"W1": dW1 + 2 * reg * p["W1"], "b1": db1, "W2": dW2 + 2 * reg * p["W2"], "b2": db2}
        p = {k: p[k] - lr * grads[k] for k in p}
        for name, A, t in [("train", X, y), ("val", X_val, y_val)]:
            scores = np.maximum(A @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]
            history[name].append(losses.softmax_cross_entropy(scores, t)[0])
            history[name + "_acc"].append(np.mean(np.argmax(scores, axis=1) == t))
    return p, history

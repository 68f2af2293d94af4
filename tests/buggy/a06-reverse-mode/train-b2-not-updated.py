"""train forgets the output bias b2 when it collects the parameters, so b2 never
moves. XOR is still learned from the visible test's start, but the losses and
weights differ from gradient descent on all parameters."""
LOSES = ['hidden_train_core', 'hidden_train_xor']


def train(params, X, y, epochs, lr):
    weights = [w for row in params["W1"] for w in row] + params["b1"] + params["w2"]
    losses = []
    for epoch in range(epochs):
        for x, t in zip(X, y):
            out = mlp(params, x)
            loss = 0.5 * (out - t) ** 2
            for w in weights:
                w.grad = 0.0
            loss.backward()
            for w in weights:
                w.data -= lr * w.grad
            losses.append(loss.data)
    return losses

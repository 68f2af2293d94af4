"""A right answer that keeps the loop only where the recurrence needs it: the forward pass saves
every pre-activation, the backward loop only carries the gradient from step to step, and the
weight gradients come afterwards from one einsum over all steps. The LSTM splits its gates with
np.split and writes sigmoid through tanh."""
LOSES = []


def rnn_forward(x, h0, Wx, Wh, b):
    inputs = np.einsum("tnd,dh->tnh", x, Wx) + b       # every step's input part at once
    states = [h0]
    for step_input in inputs:
        states.append(np.tanh(step_input + states[-1] @ Wh))
    all_states = np.stack(states)                      # (T + 1, N, H), h0 first
    return all_states[1:], (x, Wx, Wh, all_states)


def rnn_backward(dh, cache):
    x, Wx, Wh, all_states = cache
    dz = np.empty(dh.shape)
    carry = np.zeros(dh.shape[1:])
    for t in range(len(dh) - 1, -1, -1):
        dz[t] = (dh[t] + carry) * (1 - all_states[t + 1] ** 2)
        carry = dz[t] @ Wh.T
    dx = np.einsum("tnh,dh->tnd", dz, Wx)
    dWx = np.einsum("tnd,tnh->dh", x, dz)
    dWh = np.einsum("tnk,tnh->kh", all_states[:-1], dz)
    return dx, carry, dWx, dWh, dz.sum(axis=(0, 1))


def _sig(z):
    return 0.5 * (np.tanh(0.5 * z) + 1)


def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    a_i, a_f, a_g, a_o = np.split(x @ Wx + h_prev @ Wh + b, 4, axis=1)
    gates = (_sig(a_i), _sig(a_f), np.tanh(a_g), _sig(a_o))
    c = gates[1] * c_prev + gates[0] * gates[2]
    return gates[3] * np.tanh(c), c, {"x": x, "h": h_prev, "c": c_prev, "Wx": Wx, "Wh": Wh, "gates": gates, "c_new": c}


def lstm_step_backward(dh, dc, cache):
    i, f, g, o = cache["gates"]
    t = np.tanh(cache["c_new"])
    d_cell = dc + dh * o * (1 - t * t)
    da = np.hstack([d_cell * g * i * (1 - i), d_cell * cache["c"] * f * (1 - f), d_cell * i * (1 - g * g),
                    dh * t * o * (1 - o)])
    return (da @ cache["Wx"].T, da @ cache["Wh"].T, d_cell * f, cache["x"].T @ da, cache["h"].T @ da,
            da.sum(axis=0))


def rnn_sequence_loss(params, x, y):
    T, N = y.shape
    h, cache = rnn_forward(x, np.zeros((N, len(params["b"]))), params["Wx"], params["Wh"], params["b"])
    scores = np.einsum("tnh,hk->tnk", h, params["Wy"]) + params["by"]
    shifted = scores - scores.max(axis=-1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=-1, keepdims=True)
    onehot = np.eye(scores.shape[-1])[y]
    loss = -np.sum(onehot * (shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True)))) / (T * N)
    dscores = (probs - onehot) / (T * N)
    _, _, dWx, dWh, db = rnn_backward(np.einsum("tnk,hk->tnh", dscores, params["Wy"]), cache)
    return loss, {"Wx": dWx, "Wh": dWh, "b": db, "Wy": np.einsum("tnh,tnk->hk", h, dscores),
                  "by": dscores.sum(axis=(0, 1))}

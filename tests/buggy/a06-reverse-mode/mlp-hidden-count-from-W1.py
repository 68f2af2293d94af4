"""mlp takes the number of hidden units from len(W1), which is the number of
inputs D (W1 has D rows of H entries): right only when D == H, as in the
visible 2-2-1 network and in training on XOR."""
LOSES = ['hidden_mlp_core', 'hidden_mlp_properties']


def mlp(params, x):
    out = params["b2"]
    for j in range(len(params["W1"])):
        z = params["b1"][j]
        for i in range(len(x)):
            z = z + x[i] * params["W1"][i][j]
        out = out + params["w2"][j] * z.tanh()
    return out

"""The ReLU mask uses z >= 0, so the gradient passes at z = 0 where the course's
subgradient is 0. The visible test teaches the convention at z = 0, so it loses that cell too."""
LOSES = ['test_relu', 'hidden_relu_edges']


def relu_backward(dout, cache):
    return dout * (cache >= 0)

"""nnkit: the small helper package of "Neural Networks from First Principles".

Modules
-------
datasets   XOR, 2-D toy sets and scikit-learn's handwritten digits
plots      decision boundaries, training curves, optimizer paths
functions  a stable sigmoid and softmax, parameter initialization
numeric    gradient_error: the lectures' check of a derivative against centered differences
grading    the checks that assignment tests call

Reference implementations, which students receive once the assignments they
answer are due (plan.toml):
layers     layers and activations (forward/backward pairs)        answers a01, a02
losses     loss functions returning (loss, gradient)              answers a02
optim      parameter updates                                      answers a03
gradcheck  numerical gradients and relative errors                answers a04
training   the full-batch training loop of unit 4's lectures         answers a03
"""

__version__ = "0.1.0"

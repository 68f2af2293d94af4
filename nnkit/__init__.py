"""nnkit: the small helper package of "Neural Networks from First Principles".

Modules
-------
gradcheck  centered-difference numerical gradients and relative errors
datasets   XOR, 2-D toy sets and scikit-learn's handwritten digits
plots      decision boundaries, training curves, optimizer paths
layers     reference layers and activations (forward/backward pairs)
losses     reference loss functions returning (loss, gradient)
optim      reference parameter updates
grading    the checks that assignment tests call
"""

__version__ = "0.1.0"

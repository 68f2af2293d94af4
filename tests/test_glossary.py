"""docs/glossary.md: every term of the syllabus's terminology, defined once, each linked to where
the course teaches it (every link resolves) or saying that the course does not teach it."""

import re

from grader.coursekit import ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"
# The syllabus's terminology list, in its order (its definitions are not copied: the glossary has its own).
SYLLABUS = [
    "Artificial intelligence", "Machine learning", "Deep learning", "Supervised learning", "Unsupervised learning",
    "Reinforcement learning", "Hybrid learning", "Classification", "Regression", "Clustering", "Model", "Example",
    "Input", "Channel", "Output", "Linear separability", "Neural network", "Perceptron", "Neuron", "Activation",
    "Parameter", "Layer", "Input layer", "Hidden layer", "Output layer", "Architecture", "Forward propagation",
    "Training", "Inference", "Dataset", "Convolutional neural network", "Filter", "Pooling", "Autoencoder",
    "Recurrent neural network", "Long short-term memory", "Loss", "Cost", "Generalization", "Overfitting",
    "Regularization", "Bias", "Variance", "Uncertainty", "Embedding", "Affine", "Nonlinear", "Sigmoid",
    "Hyperbolic tangent", "ReLU", "Leaky ReLU", "Softmax", "Data augmentation", "Transfer learning", "Fine-tuning",
    "Dropout", "Batch normalization", "Attention", "Gradient descent", "Backpropagation", "Learning rate",
    "Vanishing gradients", "Exploding gradients", "Batch", "Epoch", "AdaGrad", "AdaDelta", "Adam", "RMSProp",
    "Momentum", "Automatic differentiation", "Cross-entropy loss"]


def rows():
    """[(term, definition, where)] of the glossary's tables."""
    found = re.findall(r"^\| \*\*(.+?)\*\*(?: \([^|]*\))? \| (.+?) \| (.+?) \|$", GLOSSARY.read_text(), flags=re.M)
    return [(re.sub(r" \(.*\)$", "", term), definition, where) for term, definition, where in found]


def test_every_syllabus_term_is_defined_once():
    terms = [t.lower() for t, _, _ in rows()]
    assert len(SYLLABUS) == 72
    missing = [t for t in SYLLABUS if t.lower() not in terms]
    twice = sorted({t for t in terms if terms.count(t) > 1})
    assert not missing and not twice, f"missing {missing}; defined twice {twice}"
    assert all(len(d) > 20 for _, d, _ in rows())


def test_every_term_says_where_it_is_taught_and_every_link_resolves():
    text = GLOSSARY.read_text()
    targets = dict(re.findall(r"^\[([^\]]+)\]: (\S+)$", text, flags=re.M))
    for term, _, where in rows():
        refs = re.findall(r"\[([^\]]+)\]", where)
        assert refs or where.startswith("Not taught"), f"{term}: says neither where it is taught nor that it is not"
        for ref in refs:
            assert ref in targets, f"{term}: [{ref}] has no link target at the end of the glossary"
    for ref, target in targets.items():
        assert (GLOSSARY.parent / target).resolve().is_file(), f"[{ref}]: {target} does not exist"
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        assert (GLOSSARY.parent / target).resolve().is_file(), f"{target} does not exist"

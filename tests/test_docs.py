"""The course's reference pages: docs/glossary.md (every term of the syllabus's terminology, defined
once, each linked to where the course teaches it or saying that it does not) and docs/objectives.md
(the syllabus's eight learning objectives, each mapped to what serves it or saying that nothing does
yet). Every link of docs/ resolves."""

import re

from quality.coursekit import ROOT

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


def link_targets(text):
    """{reference: target} of a page's reference-style link definitions ([1.1]: ../course/...)."""
    return dict(re.findall(r"^\[([^\]]+)\]: (\S+)$", text, flags=re.M))


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


def test_every_term_says_where_it_is_taught():
    targets = link_targets(GLOSSARY.read_text())
    for term, _, where in rows():
        refs = re.findall(r"\[([^\]]+)\]", where)
        assert refs or where.startswith("Not taught"), f"{term}: says neither where it is taught nor that it is not"
        for ref in refs:
            assert ref in targets, f"{term}: [{ref}] has no link target at the end of the glossary"


def test_every_objective_says_what_serves_it():
    text = (ROOT / "docs" / "objectives.md").read_text()
    objectives = re.findall(r"^\| (\d) \| (.+?) \| (.+?) \| (.+?) \|$", text, flags=re.M)
    assert [int(n) for n, *_ in objectives] == list(range(1, 9))
    targets = link_targets(text)
    for n, _, lectures, assignments in objectives:
        refs = re.findall(r"\[([^\]]+)\]", lectures + assignments)
        assert refs or lectures.startswith("Not served yet"), f"objective {n}: nothing serves it and it does not say so"
        assert all(ref in targets for ref in refs), f"objective {n}: a reference without a link target"


def test_every_link_of_the_docs_resolves():
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text()
        for target in list(link_targets(text).values()) + re.findall(r"\]\(([^)#\s]+)\)", text):
            if "://" not in target:
                assert (page.parent / target).resolve().exists(), f"{page.name}: {target} does not exist"

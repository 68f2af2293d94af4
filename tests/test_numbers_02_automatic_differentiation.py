"""The worked numbers of unit 2 (automatic differentiation) appear in the
committed outputs of its lecture notebooks.

The notebooks are read as JSON; nothing is executed here (nbval re-executes
them and compares their text outputs). Each regex is specific enough to fail
if a number, a label or the line it belongs to changes.
"""

import re
from pathlib import Path

import pytest

import lecture_outputs

UNIT = Path(__file__).resolve().parent.parent / "course" / "02-automatic-differentiation"

NOTEBOOKS = [
    "01-four-ways-to-differentiate.ipynb",
    "02-computational-graph.ipynb",
    "03-forward-mode.ipynb",
    "04-reverse-mode.ipynb",
    "05-autograd-library.ipynb",
    "06-network-from-scratch-with-ad.ipynb",
]

def text_of(name):
    return lecture_outputs.text_of(UNIT / name)


# (notebook, what it shows, regex that must match its text outputs; re.MULTILINE)
EXPECTED = [
    # 01: the sigmoid unit by hand, the slopes of the finite-difference errors, expression swell
    ("01", "dE/dy = y - d", r"^dE/dy = y - d\s+= -0\.377541$"),
    ("01", "dE/dx = dE/dy y(1-y)", r"^dE/dx = dE/dy \* y\(1-y\)\s+= -0\.088723$"),
    ("01", "truncation slopes 1 and 2", r"slope forward = 1\.0, centered = 2\.0$"),
    ("01", "round-off slope -1", r"round-off side .*slope forward = -1, centered = -1$"),
    ("01", "symbolic derivative value", r"^value at x = 0\.5: -0\.088723  \(by hand: -0\.088723\)$"),
    ("01", "logistic map swell at k = 8", r"^ 8\s+763\s+5375\s+21$"),
    ("01", "autograd equals the hand derivative", r"equal up to round-off \(\|difference\| < 1e-15\): True$"),
    # 02: the primal trace of f(x1, x2) = ln x1 + x1 x2 - sin x2 at (2, 5)
    ("02", "v-1 = 2", r"^v-1 = x1\s+= 2$"),
    ("02", "v0 = 5", r"^v0  = x2\s+= 5$"),
    ("02", "v1 = ln 2 = 0.693", r"^v1  = ln\(v-1\)\s+= ln\(2\) = 0\.693$"),
    ("02", "v2 = 10", r"^v2  = v-1 \* v0\s+= 2 \* 5 = 10$"),
    ("02", "v3 = sin 5 = -0.959", r"^v3  = sin\(v0\)\s+= sin\(5\) = -0\.959$"),
    ("02", "v4 = 10.693", r"^v4  = v1 \+ v2\s+= 0\.693 \+ 10 = 10\.693$"),
    ("02", "v5 = 11.652", r"^v5  = v4 - v3\s+= 10\.693 - \(-0\.959\) = 11\.652$"),
    ("02", "y = 11.652", r"^y   = v5\s+= 11\.652$"),
    ("02", "recorded trace ends in y = 11.652", r"^\s+y = v5\s+= 11\.652$"),
    ("02", "8 valid evaluation orders", r"^8 of the 120 orderings of the 5 operations are valid"),
    ("02", "sum over paths for x1", r"^dy/dx1:\n(?:.*\n){2}  sum = 5\.5$"),
    ("02", "sum over paths for x2", r"^dy/dx2:\n(?:.*\n){2}  sum = 1\.716$"),
    # 03: forward mode, two sweeps
    ("03", "sweep 1: dv1 = 0.5", r"^v1\s+ln\(v-1\)\s+0\.693\s+dv1 = dv-1 / v-1\s+0\.500$"),
    ("03", "sweep 1: dv2 = 5", r"^v2\s+v-1 \* v0\s+10\.000\s+dv2 = dv-1 \* v0 \+ v-1 \* dv0\s+5\.000$"),
    ("03", "sweep 1: dv4 = 5.5", r"^v4\s+v1 \+ v2\s+10\.693\s+dv4 = dv1 \+ dv2\s+5\.500$"),
    ("03", "sweep 1: df/dx1 = 5.5", r"^y = 11\.652, df/dx1 = 5\.5$"),
    ("03", "sweep 2: dv3 = cos 5", r"^v3\s+sin\(v0\)\s+-0\.959\s+dv3 = cos\(v0\) \* dv0\s+0\.284$"),
    ("03", "sweep 2: dv5 = 1.716", r"^v5\s+v4 - v3\s+11\.652\s+dv5 = dv4 - dv3\s+1\.716$"),
    ("03", "sweep 2: df/dx2 = 1.716", r"^y = 11\.652, df/dx2 = 1\.716$"),
    ("03", "gradient needs 2 sweeps", r"^gradient = \(5\.5, 1\.716\) after 2 forward sweeps$"),
    ("03", "first Jacobian row", r"^\[\[5\.5\s+1\.716\]$"),
    ("03", "Jacobian equals autograd's", r"^equal to autograd\.jacobian: True$"),
    # 04: reverse mode, one sweep
    ("04", "tape: v5 = 11.652", r"^\s+v5 = v4 - v3\s+11\.652\s+dv5/dv4 = 1\.000, dv5/dv3 = -1\.000$"),
    ("04", "adjoint v3 = -1", r"^adj v3\s+\+= adj v5 .*->\s+adj v3\s+= -1\.000$"),
    ("04", "adjoint v0 = -0.284", r"^adj v0\s+\+= adj v3 .*->\s+adj v0\s+= -0\.284$"),
    ("04", "adjoint v-1 = 5", r"^adj v-1 \+= adj v2 .*->\s+adj v-1 =\s+5\.000$"),
    ("04", "adjoint v0 = 1.716", r"^adj v0\s+\+= adj v2 .*->\s+adj v0\s+=\s+1\.716$"),
    ("04", "adjoint v-1 = 5.5", r"^adj v-1 \+= adj v1 .*->\s+adj v-1 =\s+5\.500$"),
    ("04", "gradient from one sweep", r"^gradient \(df/dx1, df/dx2\) = \(5\.5, 1\.716\) from 1 backward sweep$"),
    ("04", "one-line f gives the same gradient", r"^one-line f: gradient = \(5\.5, 1\.716\)$"),
    # 05: the autograd library and the lecture's logistic regression
    ("05", "the lecture's print format", r"^5\.50,1\.72$"),
    ("05", "grad of the lecture's f", r"^df/dx1 = 5\.5, df/dx2 = 1\.716$"),
    ("05", "Hessian row 1", r"^\[\[-0\.25\s+1\.\s*\]$"),
    ("05", "Hessian row 2", r"^ \[ 1\.\s+-0\.959\]\]$"),
    ("05", "initial loss 4 ln 2", r"^Initial loss: 2\.77259$"),
    ("05", "loss after 50 of 100 steps", r"^  step   50: loss 1\.38619$"),
    ("05", "final loss of the lecture's code", r"^Final loss:   0\.965958  after 100 steps$"),
    ("05", "weights of the lecture's code", r"^Weights: \[ 0\.37\s+-0\.3457\s+1\.0635\s+0\.431 \]$"),
    ("05", "lecture's printed weights give its final loss", r"^loss at the lecture's printed weights: 0\.00145093$"),
    ("05", "lecture's printed final loss", r"^lecture's printed final loss:\s+0\.00145093$"),
    ("05", "1000 steps at learning rate 1", r"^Final loss:   0\.00144346  after 1000 steps$"),
    ("05", "weights after 1000 steps", r"^Weights:\s+\[ 2\.3965 -1\.7363\s+8\.3671\s+2\.2966\]$"),
    # 06: the network from scratch, gradients checked
    ("06", "autograd vs hand-written backprop", r"^all parameters agree: True$"),
    ("06", "autograd vs numerical gradients", r"^gradient check passed: True$"),
    ("06", "agreement after training", r"agree to 1e-10: True$"),
]


@pytest.mark.parametrize("prefix, what, pattern", EXPECTED, ids=[f"{p}: {w}" for p, w, _ in EXPECTED])
def test_worked_number_is_printed(prefix, what, pattern):
    name = next(n for n in NOTEBOOKS if n.startswith(prefix))
    text = text_of(name)
    assert re.search(pattern, text, re.MULTILINE), (
        f"{name}: expected output for {what!r} (regex {pattern!r}) not found; "
        f"re-execute the notebook and compare with the worked example")


def test_sweep_counts_forward_n_reverse_1():
    text = text_of("04-reverse-mode.ipynb")
    rows = re.findall(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(True|False)$", text, re.MULTILINE)
    assert len(rows) >= 4, f"expected the sweep table with at least 4 sizes, found rows {rows}"
    ns = []
    for n, ops, fwd, rev, fwd_ops, rev_ops, ok in rows:
        n, ops, fwd, rev, fwd_ops, rev_ops = map(int, (n, ops, fwd, rev, fwd_ops, rev_ops))
        ns.append(n)
        assert ops == 4 * n, f"n = {n}: f_n should record 4n = {4 * n} operations, table says {ops}"
        assert fwd == n, f"n = {n}: forward mode should take n sweeps, table says {fwd}"
        assert rev == 1, f"n = {n}: reverse mode should take 1 backward sweep, table says {rev}"
        assert fwd_ops == n * ops and rev_ops == 2 * ops
        assert ok == "True", f"n = {n}: a gradient did not match the formula"
    assert ns[0] == 1 and ns[-1] >= 100, f"sizes should run from 1 to at least 100, got {ns}"


def test_tape_adjoints_are_the_papers_equations():
    text = text_of("04-reverse-mode.ipynb")
    pairs = re.findall(r"^adj (\w+)\s+= (-?\d\.\d{6})\s+equation \((\d)\): .*= (-?\d\.\d{6})$", text, re.MULTILINE)
    assert {eq for _, _, eq, _ in pairs} == {"4", "5", "6"}, f"expected equations (4), (5) and (6), got {pairs}"
    for name, adj, eq, formula in pairs:
        assert adj == formula, f"adjoint of {name} is {adj} but equation ({eq}) gives {formula}"


def test_network_trains_and_generalises():
    text = text_of("06-network-from-scratch-with-ad.ipynb")
    losses = [float(v) for v in re.findall(r"^after\s+\d+ steps: loss (\d\.\d{4})", text, re.MULTILINE)]
    assert len(losses) >= 3 and all(b < a for a, b in zip(losses, losses[1:])), f"loss should fall: {losses}"
    m = re.search(r"^final training accuracy (\d\.\d{3}), test accuracy (\d\.\d{3})$", text, re.MULTILINE)
    assert m, "final accuracies not printed"
    assert float(m.group(1)) >= 0.95 and float(m.group(2)) >= 0.9, f"accuracies too low: {m.groups()}"
    assert text.count("agree to 1e-12 relative: True") == 6
    assert text.count("max relative error below 1e-6: True") == 6

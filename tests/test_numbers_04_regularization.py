"""The worked numbers of unit 4 (regularization and training tricks) appear in the committed
outputs of its lecture notebooks, and every derivative the unit uses is checked.

The notebooks are read as JSON; nothing is executed here (nbval re-executes them
and compares their text outputs).
"""

import re
from pathlib import Path

import pytest

import lecture_outputs

UNIT = Path(__file__).resolve().parent.parent / "course" / "04-regularization"
NOTEBOOKS = sorted(p.name for p in UNIT.glob("*.ipynb"))


def text_of(prefix):
    return lecture_outputs.text_of(UNIT / next(n for n in NOTEBOOKS if n.startswith(prefix)))


def table(prefix, pattern):
    return re.findall(pattern, text_of(prefix), re.MULTILINE)


# (notebook, what it shows, regex that must match its text outputs; re.MULTILINE)
EXPECTED = [
    # 01: a polynomial through every point, the training curve reaching 100 %
    ("01", "degree 11 interpolates the 12 points", r"^    11      0\.0000\s+\d{4,}\.\d{4}$"),
    ("01", "the 100-image network memorizes", r"training accuracy 100 %"),
    ("01", "one test measurement, after choosing on validation", r"^chosen: \d+ hidden units; test accuracy, measured once: 9\d\.\d %$"),
    # 02: weight decay equals L2 under SGD; Adam with L2 finds the ridge solution, AdamW does not
    ("02", "L2 and weight decay agree under SGD", r"^SGD, 200 steps: largest difference between L2 and weight decay \d\.\de-1[3-7]$"),
    ("02", "the ridge minimizer", r"^minimizer of J \+ lam \|\|w\|\|\^2:  \[0\.987 0\.191\]$"),
    ("02", "Adam with L2 reaches it", r"^Adam, L2 in the gradient:      \[0\.987 0\.191\]$"),
    ("02", "AdamW does not", r"^AdamW, decoupled decay:        \[0\.945 0\.99 \]$"),
    ("02", "L2 sets no weight to zero", r"^L2, lambda 0\.1: 0 of 30 weights exactly 0"),
    # 03: the seed's question: inverted dropout keeps the expectation; the ensemble is exact for linear maps
    ("03", "inverted dropout's mean is h", r"^mean of m \* h / p \(inverted\) \[ 0\.499  1\.997 -1\.001  2\.999\]$"),
    ("03", "without scaling the mean is p h", r"= p \* h: \[ 0\.3  1\.2 -0\.6  1\.8\]$"),
    ("03", "the average of 1024 subnetworks' scores", r"^average of their scores: \[(.+)\]   full network: \[\1\]$"),
    ("03", "the full softmax is their geometric mean", r"^their geometric mean, normalized: \[0\.1402 0\.7132 0\.1465\]$"),
    # 04: clipping by norm keeps the direction
    ("04", "norm clipping keeps the direction", r"^after clipping by norm 5: \|g\| = 5\.000, cosine with g = 1\.000$"),
    # 05: the variance argument, the demo
    ("05", "Var(U[-a, a]) = a^2/3 = 2/(n_in + n_out)", r"^Var\(W\) = 0\.004\d{3}, a\^2 / 3 = 0\.004000, 2 / \(n_in \+ n_out\) = 0\.004000$"),
    ("05", "constant weights keep units identical", r"^constant 0\.01  after 100 steps: loss \d\.\d{3}; the 32 hidden units differ by at most 0\.0e\+00$"),
    ("05", "zero weights: nothing flows", r"^zero(\s+0\.00e\+00){6}$"),
    # 06: the sigmoid's derivative is at most 1/4
    ("06", "sigmoid's largest derivative", r"^sigmoid\s+relative error of f'\(z\): \d\.\de-\d\d   largest f' on \[-6, 6\]: 0\.250$"),
    # 07: whitening gives the identity covariance; test mode is one fixed map
    ("07", "whitened covariance", r"^whitened\s+mean \[0\. 0\.\]   covariance \[\[1\.0, 0\.0\], \[0\.0, 1\.0\]\]$"),
    ("07", "normalized covariance keeps the correlation", r"^normalized\s+mean \[0\. 0\.\]   covariance \[\[1\.0, 0\.66\], \[0\.66, 1\.0\]\]$"),
]


@pytest.mark.parametrize("prefix, what, pattern", EXPECTED, ids=[f"{p}: {w}" for p, w, _ in EXPECTED])
def test_worked_number_is_printed(prefix, what, pattern):
    assert re.search(pattern, text_of(prefix), re.MULTILINE), (
        f"lecture {prefix}: expected output for {what!r} (regex {pattern!r}) not found; "
        f"re-execute the notebook and compare")


@pytest.mark.parametrize("prefix", ["02", "03", "04", "05", "06", "07"])
def test_every_derivative_is_checked(prefix):
    lines = [line for line in text_of(prefix).splitlines() if "relative error" in line]
    errors = [float(e) for line in lines for e in re.findall(r"\d\.\de[-+]\d\d", line.split("(largest")[0])]
    assert errors, f"lecture {prefix} checks no derivative numerically"
    assert max(errors) < 1e-6, f"lecture {prefix}: a derivative is off, relative errors {errors}"


def test_bias_and_variance_trade_off():
    rows = [(int(d), float(b), float(v), float(s)) for d, b, v, s in
            table("01", r"^\s+(\d+)\s+(\d+\.\d{4})\s+(\d+\.\d{4})\s+(\d+\.\d{4})$")]
    assert len(rows) == 12, rows
    best = min(rows, key=lambda r: r[3])[0]
    assert best == 3, f"the smallest bias^2 + variance should be at degree 3 (a sine has two bends), got {best}"
    assert rows[0][1] > 10 * rows[3][1] and rows[11][2] > 10 * rows[3][2], "degree 0: bias; degree 11: variance"


def test_lambda_too_low_and_too_high():
    rows = [(float(l), float(tr), float(va)) for l, tr, va in
            table("02", r"^\s*(\d+e[-+]\d\d)\s+(\d+\.\d{4})\s+(\d+\.\d{4})\s+\d+\.\d %")]
    assert len(rows) == 7, rows
    best = min(rows, key=lambda r: r[2])
    assert 0 < best[0] < 1e-1, f"the best validation loss should be at a middle lambda, got {best}"
    assert rows[-1][1] > 10 * rows[0][1], "too high a lambda underfits: the training loss rises"


def test_l1_is_sparse():
    zeros = int(table("02", r"^L1, lambda 0\.1: (\d+) of 30 weights exactly 0")[0])
    assert zeros >= 15, f"L1 should zero most of the 26 irrelevant inputs, zeroed {zeros}"


def test_clipping_rescues_the_outlier_run():
    losses = {name.strip(): float(v) for name, v in table("04", r"^(.+?)\s+clean test loss after 5 epochs\s+(\S+)")}
    assert losses["no clipping"] > 10 and losses["clip by value 1"] < 0.1 and losses["clip by norm 5"] < 0.1, losses


def test_initialization_demo_regimes():
    rows = {name.strip(): [float(v) for v in vals.split()] for name, vals in
            table("05", r"^(zero|too small, N\(0, 0\.01\^2\)|Xavier|too large, N\(0, 1\))\s+((?:\S+\s*){6})$")}
    assert rows["too small, N(0, 0.01^2)"][3] < 1e-6, "too small: activations vanish by layer 10"
    assert 0.1 < rows["Xavier"][3] < 0.9, "Xavier: a steady spread"
    assert rows["too large, N(0, 1)"][3] > 0.9, "too large: tanh saturates"
    assert rows["too large, N(0, 1)"][4] > 100 * rows["too large, N(0, 1)"][5], "too large: gradients explode"


def test_sigmoid_gradients_vanish_and_relu_units_die():
    norms = {a: [float(v) for v in vals.split()] for a, vals in
             table("06", r"^(sigmoid|relu)\s+gradient norm at the first step, layer 1 \.\. 7: (.+)$")}
    assert norms["sigmoid"][0] < 1e-3 * norms["sigmoid"][-1] and norms["relu"][0] > 0.1 * norms["relu"][-1], norms
    dead = {a.strip(): (after.split(), float(acc)) for a, after, acc in
            table("06", r"^(relu|leaky relu|elu)\s+[\d. ]+ -> ([\d. ]+?)\s+(\d+\.\d) %$")}
    assert dead["relu"][0][1:] == ["1.00"] * 5 and dead["relu"][1] < 15, "dead ReLUs stay dead"
    assert dead["elu"][1] > 70, "ELU recovers from the bad start"


def test_batch_norm_rescues_the_saturated_network():
    acc = {name.strip(): [float(v) for v in vals] for name, *vals in
           table("07", r"^(without|with batch norm)\s+validation accuracy \(test mode\) after 1, 5, 15 epochs: "
                       r"(\S+) %, (\S+) %, (\S+) %$")}
    assert acc["with batch norm"][1] > acc["without"][1] + 10, acc



def test_the_widget_has_a_still_image():
    lecture_outputs.check_widget_still(UNIT / "05-initialization.ipynb")

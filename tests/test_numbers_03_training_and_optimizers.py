"""The worked numbers of unit 3 (training and optimizers) appear in the committed
outputs of its lecture notebooks, and every derivative the unit uses is checked.

The notebooks are read as JSON; nothing is executed here (nbval re-executes them
and compares their text outputs).
"""

import re
from pathlib import Path

import pytest

import lecture_outputs

UNIT = Path(__file__).resolve().parent.parent / "course" / "03-training-and-optimizers"
NOTEBOOKS = sorted(p.name for p in UNIT.glob("*.ipynb"))


def text_of(prefix):
    return lecture_outputs.text_of(UNIT / next(n for n in NOTEBOOKS if n.startswith(prefix)))


# (notebook, what it shows, regex that must match its text outputs; re.MULTILINE)
EXPECTED = [
    # 01: the factor 1 - alpha a, the condition number, the stability limit
    ("01", "alpha = 1/a lands on the minimum", r"^alpha = 1/a = 0\.25\s+factor r = \+0\.00\s+w_12 = \+0$"),
    ("01", "alpha > 2/a diverges", r"^alpha = too large, 0\.55\s+factor r = -1\.20\s+w_12 = \+8\.916$"),
    ("01", "eigenvalues 1 and 10", r"^eigenvalues of A: \[ 1\. 10\.\]  condition number: 10\.0$"),
    ("01", "steps grow like kappa: 10", r"^\s+10\s+0\.1818\s+69\s+69\.1$"),
    ("01", "steps grow like kappa: 200", r"^\s+200\s+0\.0100\s+1382\s+1381\.6$"),
    ("01", "at the limit the loss neither grows nor shrinks", r"^\s+1\.00\s+20\.14\s+20\.14\s+20\.14$"),
    # 02: the shuffling convention (as in a03), gradient noise, data parallelism
    ("02", "the convention's first epoch", r"^epoch 1: \[\[1, 2, 0\], \[5, 4, 3\], \[6\]\]$"),
    ("02", "the convention's second epoch", r"^epoch 2: \[\[1, 0, 4\], \[2, 5, 3\], \[6\]\]$"),
    ("02", "no noise with the whole batch", r"^ 2000\s+0\.00000\s+0\.00000$"),
    ("02", "two workers' gradient", r"^two workers' mean equals the batch gradient: True$"),
    # 03: the two momentum forms, Adam's bias correction
    ("03", "momentum forms agree for a constant rate", r"^constant lr = 0\.02 .*largest difference \d\.\de-1[5-7]$"),
    ("03", "momentum forms differ under a schedule", r"^lr 0\.04 halved after 15 steps .*largest difference \d\.\de-0[1-3]$"),
    ("03", "corrected first step is the rate", r"^first step, corrected\s+\[1\. 1\. 1\.\]$"),
    ("03", "uncorrected first step is 3.16 times too large", r"^first step, uncorrected\s+\[3\.16\d+ 3\.1623 3\.1623\]$"),
    ("03", "Adam's first step from the loop", r"^Adam's first step from the loop, lr = 1: \[-1\. -1\. -1\.\]$"),
    # 04: the four schedules
    ("04", "rates at step 50", r"^  50\s+0\.10000\s+0\.06065\s+0\.05000\s+0\.10000$"),
    ("04", "rates at step 100", r"^ 100\s+0\.05000\s+0\.03679\s+0\.03333\s+0\.05000$"),
    # 05: the digits MLP with every optimizer
    ("05", "the MLP's parameters", r"^parameters: 4810$"),
    ("05", "every optimizer above 93 % validation accuracy", r"^adam\s+0\.01\s+\d\.\d{4}\s+\d\.\d{4}\s+\d\.\d{4} \(\d+\)\s+9[3-9]\.\d%$"),
    ("05", "the sweep finds SGD's rate", r"^sgd  : best rate 0\.316 "),
    ("05", "a diverging run jumps above log 10", r"^diverging: minibatch losses of the first 6 steps \[2\.\d+, \d{2,}\."),
]


@pytest.mark.parametrize("prefix, what, pattern", EXPECTED, ids=[f"{p}: {w}" for p, w, _ in EXPECTED])
def test_worked_number_is_printed(prefix, what, pattern):
    assert re.search(pattern, text_of(prefix), re.MULTILINE), (
        f"lecture {prefix}: expected output for {what!r} (regex {pattern!r}) not found; "
        f"re-execute the notebook and compare")


@pytest.mark.parametrize("prefix", sorted({p for p, _, _ in EXPECTED}))
def test_every_derivative_is_checked(prefix):
    errors = [float(e) for e in re.findall(r"relative error[^:]*: (\d\.\de[-+]\d\d)$", text_of(prefix), re.MULTILINE)]
    assert errors, f"lecture {prefix} checks no derivative numerically"
    assert max(errors) < 1e-6, f"lecture {prefix}: a derivative is off, relative errors {errors}"


def test_optimizers_reach_similar_validation_losses():
    rows = re.findall(r"^(\w+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+) \(\s*\d+\)\s+([\d.]+)%$", text_of("05"), re.MULTILINE)
    assert len(rows) == 6, rows
    best = [float(v) for _, v, _ in rows]
    assert max(best) < 0.2 and all(float(a) > 93 for _, _, a in rows), rows


def test_annealing_lowers_the_noise_floor():
    floors = dict(re.findall(r"^(.+?)\s+excess loss, mean of the last 200 steps: (\S+)$", text_of("04"), re.MULTILINE))
    floors = {k.strip(): float(v) for k, v in floors.items()}
    assert floors["0.05, anneal after tau = 200"] < floors["constant 0.005"] < floors["constant 0.05"], floors



def test_the_widget_has_a_still_image():
    lecture_outputs.check_widget_still(UNIT / "03-momentum-and-adaptive-methods.ipynb")

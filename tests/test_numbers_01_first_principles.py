"""The worked numbers of unit 01 ("first principles") appear in the committed notebooks.

nbval proves that the stored outputs are what the code prints; these tests read
the stored text outputs and check that the numbers from the source material
(seed 002 and the completed 3-2-1 example in the seeds' README) are among them.
"""

import json
import re
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parent.parent / "course" / "01-first-principles"


def stored_text(name):
    """All text outputs (stdout streams and text/plain results) of a committed notebook, joined."""
    path = UNIT / name
    if not path.exists():
        pytest.fail(f"{path} is missing")
    nb = json.loads(path.read_text(encoding="utf-8"))
    chunks = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream" and out.get("name") == "stdout":
                chunks.append("".join(out["text"]))
            elif out["output_type"] in ("execute_result", "display_data"):
                chunks.append("".join(out.get("data", {}).get("text/plain", "")))
    text = "".join(chunks)
    if not text.strip():
        pytest.fail(f"{name} has no stored text outputs: execute it in place before committing")
    return text


def assert_printed(text, pattern, what):
    assert re.search(pattern, text, re.MULTILINE), f"{what}: no output line matches {pattern!r}"


# A number must not be followed by another digit (so "0.474" does not match "0.4741").
END = r"(?![0-9])"


def test_parameter_counts():
    text = stored_text("02-multilayer-networks.ipynb")
    assert_printed(text, r"^3-4-2 network .*\n(?:  layer .*\n){2}  total: 20 weights \+ 6 biases = 26 parameters$",
                   "3-4-2 network: 20 weights + 6 biases = 26")
    assert_printed(text, r"^3-4-4-1 network .*\n(?:  layer .*\n){3}  total: 32 weights \+ 9 biases = 41 parameters$",
                   "3-4-4-1 network: 32 weights + 9 biases = 41")


def test_stacked_linear_layers_collapse():
    text = stored_text("02-multilayer-networks.ipynb")
    assert_printed(text, r"^3-4-2 .*collapses to W of shape \(3, 2\); max difference 0\.0+$", "3-4-2 collapse")
    assert_printed(text, r"^3-8-8-8-2 .*collapses to W of shape \(3, 2\); max difference 0\.0+$", "3-8-8-8-2 collapse")


@pytest.mark.parametrize("cls, prob", [("Dog", "0.0006"), ("Cat", "0.0596"), ("Boat", "0.0083"), ("Airplane", "0.9315")])
def test_softmax_example(cls, prob):
    text = stored_text("03-activations-and-outputs.ipynb")
    assert_printed(text, rf"^{cls}\s+-?\d\.\d\d\s+\d+\.\d{{4}}\s+{re.escape(prob)}{END}\s*$",
                   f"softmax probability of {cls} = {prob}")


def test_softmax_example_sums_to_one_and_picks_airplane():
    text = stored_text("03-activations-and-outputs.ipynb")
    assert_printed(text, r"^sum\s+53\.5658\s+1\.0000$", "sum of the softmax probabilities")
    assert_printed(text, r"^predicted class: Airplane$", "softmax prediction")


@pytest.mark.parametrize("name, value", [("o4", "0.332"), ("o5", "0.525"), ("o6", "0.474")])
def test_backprop_forward_pass(name, value):
    text = stored_text("05-backprop-by-hand.ipynb")
    assert_printed(text, rf"^{name} = sigmoid\(-?[0-9.]+\) = {re.escape(value)}{END}", f"{name} = {value}")


@pytest.mark.parametrize("name, value", [("delta6", "0.1311"), ("delta5", "-0.0065"), ("delta4", "-0.0087")])
def test_backprop_deltas(name, value):
    text = stored_text("05-backprop-by-hand.ipynb")
    assert_printed(text, rf"^{name} = .* = {re.escape(value)}{END}\s*$", f"{name} = {value}")


@pytest.mark.parametrize("name, value", [
    ("w46", "-0.261"), ("w56", "-0.138"), ("b6", "0.218"),
    ("w14", "0.192"), ("w24", "0.400"), ("w34", "-0.508"), ("b4", "-0.408"),
    ("w15", "-0.306"), ("w25", "0.100"), ("w35", "0.194"), ("b5", "0.194"),
])
def test_backprop_updated_parameters(name, value):
    text = stored_text("05-backprop-by-hand.ipynb")
    assert_printed(text, rf"^{name}\s* = .* = {re.escape(value)}{END}\s*$", f"updated {name} = {value}")


def test_backprop_numerical_check_and_full_precision():
    text = stored_text("05-backprop-by-hand.ipynb")
    assert_printed(text, r"^max relative error below 1e-7: True$", "delta rule agrees with the numerical gradient")
    assert_printed(text, r"^updated parameters equal the hand computation to 3 decimals: True$",
                   "full-precision update agrees with the hand computation")


def test_vectorized_backprop_reproduces_the_update():
    text = stored_text("06-vectorized-backprop.ipynb")
    assert_printed(text, r"^after one step: w46 = -0\.261, w56 = -0\.138, b6 = 0\.218$", "vectorized update of the output layer")
    assert_printed(text, r"w14, w24, w34 = 0\.192, 0\.400, -0\.508;  b4 = -0\.408$", "vectorized update of unit 4")
    assert_printed(text, r"w15, w25, w35 = -0\.306, 0\.100, 0\.194;  b5 = 0\.194$", "vectorized update of unit 5")


def test_every_gradient_check_passes():
    """Every printed gradient check in the unit says True, and none says False."""
    for name in ["03-activations-and-outputs.ipynb", "04-loss-functions.ipynb",
                 "06-vectorized-backprop.ipynb", "07-training-an-mlp.ipynb"]:
        text = stored_text(name)
        checks = re.findall(r"(?:relative error|agrees with).*: (True|False)$", text, re.MULTILINE)
        assert checks, f"{name}: no gradient-check lines found"
        assert "False" not in checks, f"{name}: a gradient check printed False"
    assert len(re.findall(r"relative error < 1e-7: True$", stored_text("06-vectorized-backprop.ipynb"), re.MULTILINE)) == 11


def test_the_perceptron_learns_and_and_or():
    """The trace of the rule on AND, and the lines it converges to (step(0) = 1)."""
    text = stored_text("01-neuron-and-perceptron.ipynb")
    assert_printed(text, r"^    1  \[1 1\]   1      0          1   \[2\. 1\.\]       -1\.0$", "AND's second epoch ends at w = (2, 1), b = -1")
    assert_printed(text, r"^AND: mistakes per epoch \[2, 3, 3, 2, 1, 0, 0, 0, 0, 0\]$", "AND converges in the sixth epoch")
    assert_printed(text, r"^     w = \[2\. 1\.\], b = -3\.0,  predictions \[0 0 0 1\]", "the AND line 2 x1 + x2 - 3 >= 0")
    assert_printed(text, r"^     w = \[1\. 1\.\], b = -1\.0,  predictions \[0 1 1 1\]", "the OR line x1 + x2 - 1 >= 0")


def test_xor_is_learned_by_an_mlp_but_not_by_a_perceptron():
    text = stored_text("01-neuron-and-perceptron.ipynb")
    assert_printed(text, r"^XOR: the best of 100,000 random lines gets 3 of 4 points right$", "no line solves XOR")
    assert_printed(text, r"^XOR: mistakes per epoch \[[1-4](?:, [1-4])*\]$", "the perceptron never stops making mistakes on XOR")
    text = stored_text("07-training-an-mlp.ipynb")
    assert_printed(text, r"^after 1000 epochs: loss 0\.\d{3}, accuracy 100%$", "the 2-4-2 network learns XOR")

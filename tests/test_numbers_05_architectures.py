"""The worked numbers of unit 5 (architectures from first principles) appear in the committed
outputs of its lecture notebooks, and every derivative the unit uses is checked.

The notebooks are read as JSON; nothing is executed here (nbval re-executes them
and compares their text outputs).
"""

import re
from pathlib import Path

import pytest

import lecture_outputs

UNIT = Path(__file__).resolve().parent.parent / "course" / "05-architectures"
NOTEBOOKS = sorted(p.name for p in UNIT.glob("*.ipynb"))


def text_of(prefix):
    return lecture_outputs.text_of(UNIT / next(n for n in NOTEBOOKS if n.startswith(prefix)))


# (notebook, what it shows, regex that must match its text outputs; re.MULTILINE)
EXPECTED = [
    # 01: parameter counts, correlation against convolution, equivariance, output sizes, im2col
    ("01", "a dense layer grows with the image", r"^224x224 colour photo  dense layer to 64 units: 9,633,856 parameters   64 filters of 3x3: 1,792$"),
    ("01", "every window gives -4", r"^correlation \(what frameworks call convolution\):\n \[\[-4\. -4\.\]\n \[-4\. -4\.\]\]$"),
    ("01", "the flipped kernel gives +4", r"^with the kernel flipped \(the convolution of mathematics\):\n \[\[4\. 4\.\]\n \[4\. 4\.\]\]$"),
    ("01", "the map moves with the digit", r"^the moved digit's map equals the digit's map, moved: True$"),
    ("01", "ResNet's first layer halves 224", r"^   224       7       2    3      112$"),
    ("01", "a stride that does not divide leaves a row out", r"^     7       2       2    0        3$"),
    ("01", "im2col computes the same maps", r"^8 filters 5x5 on a 64x64 image: the same maps both ways: True$"),
    ("01", "the window matrix is 22 times the image", r"^the window matrix holds 90000 numbers for an image of 4096$"),
    ("01", "max pooling's gradient goes to the maximum", r"^the gradient a window \[\[1, 3\], \[2, 0\]\] passes back for dout = 1:\n \[\[0\. 1\.\]\n \[0\. 0\.\]\]$"),
    ("01", "the MLP's parameters", r"^MLP, 64 hidden units: 4,810 parameters, test accuracy 9\d\.\d %$"),
    ("01", "the CNN's parameters", r"^CNN, 8 filters 3x3:   1,370 parameters, test accuracy 9\d\.\d %$"),
    # 02: one unit's memory, the reach of the gradient, clipping, the character model
    ("02", "one unit remembers a 1 it read a step ago", r"^step 1: x = \+0   h = 0\.3537$"),
    ("02", "the -1 meets the memory of the 1", r"^step 3: x = -1   h = -0\.2724$"),
    ("02", "rho 0.5: the gradient vanishes", r"^0\.5    1\.00   6\.4e-01  3\.5e-05  2\.5e-20$"),
    ("02", "rho 3, small inputs: the gradient explodes", r"^3\.0    0\.01   3\.1e\+00  6\.0e\+01  2\.9e\+06$"),
    ("02", "clipping keeps the direction", r"^gradient norm 2\.5e\+06, after clipping to 5: 5\.0, same direction: True$"),
    ("02", "the trained model recites the text", r"^step 1200, loss per character 0\.0\d\d: 'the network reads one letter"),
    # 03: the embedding's gradient, the worked lookup, sqrt(d), the causal mask, sorting
    ("03", "a lookup is a one-hot product", r"^E\[ids\] equals the one-hot rows times E: True$"),
    ("03", "the worked lookup's weights", r"^weights: \[0\.2282 0\.6592 0\.1125\]$"),
    ("03", "the worked lookup's output", r"^output:  \[2\.8451 7\.1549\]$"),
    ("03", "d = 512: raw scores have std 22.5 and saturate", r"^ 512\s+22\.5\s+0\.9\d\s+1\.0\s+0\.2\d$"),
    ("03", "the mask before the softmax keeps the future out",
     r"^mask before the softmax: row sums \[1\. 1\. 1\. 1\. 1\. 1\.\], position 0 changes with the last input: False$"),
    ("03", "the mask after the softmax leaks it", r"^mask after the softmax : row sums .*position 0 changes with the last input: True$"),
    # 04: the autoencoder against the mean image and PCA, the source network, AdaDelta's first steps
    ("04", "the mean image's error per test image", r"^  the mean image for every digit   4\.74$"),
    ("04", "PCA's error per test image", r"^  PCA, 2 numbers per image         3\.39$"),
    ("04", "the network of 0 to 4 learned them", r"^the network trained on 0 to 4 \(675 images\): test accuracy on 0 to 4 9\d\.\d %$"),
    ("04", "AdaGrad's steps shrink as 1 / sqrt(t)",
     r"^adagrad, lr 0\.1  step 1: \[0\.1 0\.1 0\.1\]   step 10: \[0\.03162 0\.03162 0\.03162\]   step 100: \[0\.01 0\.01 0\.01\]$"),
    ("04", "AdaDelta's first step is sqrt(eps / (1 - rho)) where g is large", r"^adadelta         step 1: \[0\.00098 0\.00447 0\.00447\]"),
    # 05: the engine against autograd, and the mini-framework's training
    ("05", "the engine's loss is autograd's", r"^loss: engine (\d\.\d{6}), autograd \1$"),
    ("05", "the engine's gradients are autograd's", r"^dW1: largest difference between the engine and autograd \d\.\de-1[5-9]$"),
    ("05", "the mini-framework trains an MLP", r"^epoch 5: last batch loss \d\.\d{3}, test accuracy 0\.9\d\d$"),
]


@pytest.mark.parametrize("prefix, what, pattern", EXPECTED, ids=[f"{p}: {w}" for p, w, _ in EXPECTED])
def test_worked_number_is_printed(prefix, what, pattern):
    assert re.search(pattern, text_of(prefix), re.MULTILINE), (
        f"lecture {prefix}: expected output for {what!r} (regex {pattern!r}) not found; "
        f"re-execute the notebook and compare")


@pytest.mark.parametrize("prefix", sorted({p for p, _, _ in EXPECTED}))
def test_every_derivative_is_checked(prefix):
    errors = [float(e) for e in re.findall(r"relative error[^:]*: (\d\.\de[-+]\d\d)$", text_of(prefix), re.MULTILINE)]
    assert len(errors) >= 2, f"lecture {prefix} checks no derivative numerically"
    assert max(errors) < 1e-6, f"lecture {prefix}: a derivative is off, relative errors {errors}"


def test_augmentation_helps_on_moved_digits():
    """Lecture 5.1: the network trained on augmented copies does better on every moved test set."""
    rows = dict(re.findall(r"^(300 digits(?: \+ 900 copies)?)\s+((?:\s*\d+\.\d %){4})$", text_of("01"), re.MULTILINE))
    plain, augmented = ([float(v) for v in re.findall(r"(\d+\.\d) %", rows[k])] for k in
                        ("300 digits", "300 digits + 900 copies"))
    assert all(a > p + 10 for a, p in zip(augmented[1:], plain[1:])), (plain, augmented)
    assert augmented[0] > 85 and plain[0] > 85, (plain, augmented)


@pytest.mark.parametrize("name", [n for n in NOTEBOOKS if "interactive_figure(" in (UNIT / n).read_text()])
def test_the_widget_has_a_still_image(name):
    lecture_outputs.check_widget_still(UNIT / name)


def test_the_lstm_carries_gradient_the_rnn_loses():
    """Lecture 5.2: after 40 steps the LSTM's first cell state matters far more than the RNN's first state."""
    text = text_of("02")
    rnn = float(re.search(r"vanilla RNN \|\|d sum\(h_40\) / d h_0\|\| = (\S+)$", text, re.MULTILINE)[1])
    lstm = float(re.search(r"LSTM        \|\|d sum\(c_40\) / d c_0\|\| = (\S+)$", text, re.MULTILINE)[1])
    assert lstm > 100 * rnn and lstm > 0.05, (rnn, lstm)


def test_clipping_speeds_the_character_model():
    """Lecture 5.2: with clipping, the loss after 300 and after 1200 steps is lower than without."""
    rows = {name: (float(a), float(b)) for name, a, b in re.findall(
        r"^(clipped to norm 5|without clipping)\s+largest gradient norm\s+\d+; loss per character after 300 steps "
        r"(\d\.\d+), after 1200 (\d\.\d+)$", text_of("02"), re.MULTILINE)}
    assert set(rows) == {"clipped to norm 5", "without clipping"}, rows
    assert all(c < u for c, u in zip(rows["clipped to norm 5"], rows["without clipping"])), rows


def test_the_transformer_needs_its_attention_to_sort():
    """Lecture 5.3: with attention the block sorts nearly every sequence; without it, almost none."""
    rows = {name: (float(a), float(b)) for name, a, b in re.findall(
        r"^(with attention|without attention)\s*: [\d,]+ parameters; on 1000 new sequences (\d+\.\d)% of the symbols and "
        r"(\d+\.\d)% of the sequences sorted right$", text_of("03"), re.MULTILINE)}
    assert set(rows) == {"with attention", "without attention"}, rows
    assert rows["with attention"][1] > 90 and rows["without attention"][1] < 10, rows


def test_the_autoencoder_beats_pca_and_keeps_the_digits_apart():
    """Lecture 5.4: with 2 numbers per image the autoencoder reconstructs better than PCA, and its codes
    keep the kinds of digits further apart."""
    text = text_of("04")
    errors = {name: float(v) for name, v in re.findall(
        r"^  (the mean image for every digit|PCA, 2 numbers per image|autoencoder, 2 numbers per image)\s+(\d+\.\d\d)$",
        text, re.MULTILINE)}
    assert len(errors) == 3, errors
    assert errors["autoencoder, 2 numbers per image"] < errors["PCA, 2 numbers per image"] \
        < errors["the mean image for every digit"], errors
    nearest = dict(re.findall(r"^(PCA|autoencoder)\s*: the nearest training code has the right label for (\d+\.\d) %",
                              text, re.MULTILINE))
    assert float(nearest["autoencoder"]) > float(nearest["PCA"]) + 5, nearest


def test_transfer_from_0_to_4_does_not_pay_and_the_probe_says_why():
    """Lecture 5.4 says that on the digits training from scratch does as well as transfer or better, that the
    frozen layers do worst, and that the deeper a layer of the 0-to-4 network, the less it keeps of 5 to 9."""
    text = text_of("04")
    rows = re.findall(r"^\s+(\d+)\s+(\d+\.\d) %\s+(\d+\.\d) %\s+(\d+\.\d) %$", text, re.MULTILINE)
    assert [int(r[0]) for r in rows] == [1, 5, 20], rows
    for _, scratch, head, tuned in rows:
        scratch, head, tuned = float(scratch), float(head), float(tuned)
        assert head < min(scratch, tuned) and tuned <= scratch + 1, rows
    probe = [float(v) for v in re.findall(r"^  (?:the pixels|hidden layer \d of the 0-to-4 network)\s+test accuracy "
                                           r"(\d+\.\d) %$", text, re.MULTILINE)]
    assert len(probe) == 3 and probe[0] > probe[1] > probe[2], probe


def test_adadelta_trains_without_a_learning_rate():
    """Lecture 5.4: AdaDelta lands between AdaGrad and RMSprop at their rates, and a larger eps makes it faster."""
    losses = {name.strip(): float(v) for name, v in re.findall(
        r"^(AdaGrad, lr 0\.05|RMSprop, lr 0\.001|AdaDelta|AdaDelta, eps 1e-4)\s*: training loss after 500 steps "
        r"(\d\.\d+)", text_of("04"), re.MULTILINE)}
    assert len(losses) == 4, losses
    assert losses["AdaGrad, lr 0.05"] < losses["AdaDelta"] < losses["RMSprop, lr 0.001"], losses
    assert losses["AdaDelta, eps 1e-4"] < losses["AdaDelta"], losses

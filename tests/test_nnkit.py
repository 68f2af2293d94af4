"""Unit tests of the helper package: every public function, bad input included."""

import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import autograd  # noqa: E402
import autograd.numpy as anp  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnkit import datasets, functions, gradcheck, grading, layers, losses, numeric, optim, plots, training  # noqa: E402
from grader.feedback import HideHiddenTests  # noqa: E402

RNG = np.random.default_rng(0)


# ---- gradcheck ------------------------------------------------------------

def test_rel_error_formula_and_shapes():
    np.testing.assert_allclose(gradcheck.rel_error([1.0, 0.0], [3.0, 0.0]), [0.5, 0.0])
    with pytest.raises(ValueError, match=r"a has shape \(2,\) but b has shape \(3,\)"):
        gradcheck.rel_error(np.zeros(2), np.zeros(3))


def test_numerical_gradient_matches_analytic_and_restores_x():
    x = RNG.normal(size=(3, 4))
    before = x.copy()
    g = gradcheck.numerical_gradient(lambda v: np.sum(np.sin(v) * v), x)
    np.testing.assert_allclose(g, np.cos(x) * x + np.sin(x), rtol=1e-7, atol=1e-9)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_rejects_integer_arrays():
    with pytest.raises(ValueError, match="float64"):
        gradcheck.numerical_gradient(np.sum, np.arange(3))


def test_numerical_gradient_dict_and_backward():
    params = {"a": RNG.normal(size=3), "b": RNG.normal(size=(2, 2))}
    g = gradcheck.numerical_gradient_dict(lambda p: np.sum(p["a"] ** 2) + np.sum(p["b"]), params)
    np.testing.assert_allclose(g["a"], 2 * params["a"], rtol=1e-7)
    np.testing.assert_allclose(g["b"], np.ones((2, 2)), rtol=1e-7)
    x, dout = RNG.normal(size=(2, 3)), RNG.normal(size=(2, 3))
    np.testing.assert_allclose(gradcheck.numerical_backward(np.tanh, x, dout), dout * (1 - np.tanh(x) ** 2), rtol=1e-6)
    with pytest.raises(ValueError, match=r"f\(x\) has shape \(2, 3\) but dout has shape \(3,\)"):
        gradcheck.numerical_backward(np.tanh, x, np.zeros(3))


def test_check_gradients_reports_the_worst_entry():
    params = {"w": np.array([1.0, 2.0, 3.0])}
    f = lambda p: np.sum(p["w"] ** 2)  # noqa: E731
    good = gradcheck.check_gradients(f, params, {"w": 2 * params["w"]})
    assert good.ok and good.errors["w"] < 1e-8
    bad = gradcheck.check_gradients(f, params, {"w": np.array([2.0, 4.0, 0.0])})
    assert not bad.ok
    assert bad.worst[0] == "w" and bad.worst[1] == (2,)
    assert "w[2] analytic 0, numerical 6" in str(bad)
    # docs/conventions.md: a NaN outranks every finite error, here a 100 % one in the first parameter.
    two = {"v": np.array([1.0]), "w": params["w"]}
    g = lambda p: np.sum(p["v"] ** 2) + f(p)  # noqa: E731
    nan = gradcheck.check_gradients(g, two, {"v": np.array([0.0]), "w": np.array([2.0, np.nan, 6.0])})
    assert not nan.ok and np.isnan(nan.errors["w"]) and nan.worst[:2] == ("w", (1,))
    assert "w[1] analytic nan, numerical 4" in str(nan)
    with pytest.raises(ValueError, match="keys"):
        gradcheck.compare_gradients({"v": np.zeros(1)}, {"w": np.zeros(1)})
    with pytest.raises(ValueError, match=r"shape \(2,\) but parameter 'w' has shape \(3,\)"):
        gradcheck.check_gradients(f, params, {"w": np.zeros(2)})


# ---- layers and losses ------------------------------------------------------

@pytest.mark.parametrize("fwd,bwd", [(layers.sigmoid_forward, layers.sigmoid_backward),
                                     (layers.tanh_forward, layers.tanh_backward),
                                     (layers.relu_forward, layers.relu_backward)])
def test_activation_gradients(fwd, bwd):
    z = RNG.normal(size=(4, 5))
    z[np.abs(z) < 1e-3] = 0.5  # keep clear of ReLU's kink
    errs = grading.check_backward(fwd, bwd, {"z": z}, what=fwd.__name__)
    assert errs["z"] < 1e-8
    with pytest.raises(ValueError, match=r"dout has shape \(4, 4\) but z has shape \(4, 5\)"):
        bwd(np.zeros((4, 4)), fwd(z)[1])


def test_sigmoid_is_stable_for_large_inputs():
    with np.errstate(over="raise"):
        np.testing.assert_allclose(layers.sigmoid(np.array([-1000.0, 0.0, 1000.0])), [0.0, 0.5, 1.0])


def test_dense_forward_backward_and_shape_errors():
    x, W, b = RNG.normal(size=(3, 4)), RNG.normal(size=(4, 2)), RNG.normal(size=2)
    out, _ = layers.dense_forward(x, W, b)
    np.testing.assert_allclose(out, x @ W + b)
    assert max(grading.check_backward(layers.dense_forward, layers.dense_backward,
                                      {"x": x, "W": W, "b": b}, what="dense").values()) < 1e-8
    with pytest.raises(ValueError, match=r"x has shape \(3, 4\) but W has shape \(5, 2\)"):
        layers.dense_forward(x, np.zeros((5, 2)), b)
    with pytest.raises(ValueError, match=r"b has shape \(3,\)"):
        layers.dense_forward(x, W, np.zeros(3))
    with pytest.raises(ValueError, match=r"dout has shape \(3, 5\) but out has shape \(3, 2\)"):
        layers.dense_backward(np.zeros((3, 5)), layers.dense_forward(x, W, b)[1])
    with pytest.raises(ValueError, match="x must have 2 dimension"):
        layers.dense_forward(np.zeros(4), W, b)


def test_softmax_reproduces_the_seed_example():
    p = layers.softmax(np.array([[-3.44, 1.16, -0.81, 3.91]]))
    np.testing.assert_allclose(np.round(p, 4), [[0.0006, 0.0596, 0.0083, 0.9315]])
    np.testing.assert_allclose(layers.softmax(np.array([[1000.0, 1000.0]])), [[0.5, 0.5]])


def test_count_params_reproduces_the_seed_counts():
    assert layers.count_params([3, 4, 2]) == (20, 6)
    assert sum(layers.count_params([3, 4, 4, 1])) == 41
    with pytest.raises(ValueError):
        layers.init_params([3])
    for bad in ([3], [3, 0, 2], [3, 2.5]):
        with pytest.raises(ValueError, match="positive whole layer sizes"):
            layers.count_params(bad)


def test_init_params_shapes_and_xavier_bound():
    p = layers.init_params([5, 7, 3], seed=1)
    assert {k: v.shape for k, v in p.items()} == {"W1": (5, 7), "b1": (7,), "W2": (7, 3), "b2": (3,)}
    assert np.abs(p["W1"]).max() <= np.sqrt(6 / 12)
    assert np.all(p["b1"] == 0)
    assert layers.init_params([5, 7], scale=0.01)["W1"].std() < 0.05


@pytest.mark.parametrize("loss", [losses.softmax_cross_entropy, losses.max_margin_loss])
def test_classification_losses(loss):
    scores, y = RNG.normal(size=(6, 4)), np.array([0, 1, 2, 3, 0, 1])
    assert grading.check_loss_gradient(loss, scores, y, what=loss.__name__) < 1e-6
    with pytest.raises(ValueError, match=r"y must have shape \(6,\)"):
        loss(scores, y[:3])
    with pytest.raises(ValueError, match=r"y must lie in \[0, 4\)"):
        loss(scores, np.array([0, 1, 2, 3, 4, 1]))
    with pytest.raises(ValueError, match="integer class labels"):
        loss(scores, y.astype(float))


def test_cross_entropy_value_and_mse():
    loss, _ = losses.softmax_cross_entropy(np.zeros((2, 4)), np.array([0, 3]))
    assert loss == pytest.approx(np.log(4))
    pred, target = RNG.normal(size=(5, 2)), RNG.normal(size=(5, 2))
    loss, d = losses.mse_loss(pred, target)
    assert loss == pytest.approx(0.5 * np.sum((pred - target) ** 2) / 5)
    assert grading.check_loss_gradient(losses.mse_loss, pred, target, what="mse") < 1e-8
    with pytest.raises(ValueError, match=r"pred has shape \(5, 2\) but target has shape \(5,\)"):
        losses.mse_loss(pred, np.zeros(5))


def test_max_margin_is_zero_when_margins_hold():
    loss, d = losses.max_margin_loss(np.array([[5.0, 1.0, 2.0]]), np.array([0]))
    assert loss == 0 and not d.any()


def test_sgd_updates_in_place_and_checks_shapes():
    p = {"w": np.ones(3)}
    optim.sgd(p, {"w": np.full(3, 2.0)}, lr=0.5)
    np.testing.assert_array_equal(p["w"], np.zeros(3))
    with pytest.raises(ValueError, match="no gradient given for parameter 'w'"):
        optim.sgd(p, {}, lr=0.1)
    with pytest.raises(ValueError, match=r"gradient for 'w' has shape \(2,\)"):
        optim.sgd(p, {"w": np.zeros(2)}, lr=0.1)


# ---- training --------------------------------------------------------------

def test_fit_network_learns_and_its_options_act():
    X, Xv, y, yv = datasets.digits()
    X, y, Xv, yv = X[:300], y[:300], Xv[:200], yv[:200]
    p, h = training.fit_network(X, y, Xv, yv, hidden=32, epochs=60, lr=0.5, seed=0)
    assert {k: v.shape for k, v in p.items()} == {"W1": (64, 32), "b1": (32,), "W2": (32, 10), "b2": (10,)}
    assert all(len(v) == 60 for v in h.values()) and h["train"][-1] < 0.1 * h["train"][0] and h["val_acc"][-1] > 0.85
    again, _ = training.fit_network(X, y, Xv, yv, hidden=32, epochs=60, lr=0.5, seed=0)
    assert all(np.array_equal(p[k], again[k]) for k in p), "the same seed must give the same run"
    l2, _ = training.fit_network(X, y, Xv, yv, hidden=32, epochs=60, lr=0.5, seed=0, reg=1e-2)
    assert np.sum(l2["W1"] ** 2) < np.sum(p["W1"] ** 2)
    dropped, hd = training.fit_network(X, y, Xv, yv, hidden=32, epochs=60, lr=0.5, seed=0, keep=0.5)
    assert not np.array_equal(dropped["W1"], p["W1"]) and hd["val_acc"][-1] > 0.8


def test_fit_network_one_step_is_gradient_descent_on_the_penalized_loss():
    X, y = RNG.normal(size=(8, 5)), np.arange(8) % 10
    p1, _ = training.fit_network(X, y, X, y, hidden=4, epochs=1, lr=0.1, seed=3, reg=0.05)

    def loss(q):
        s = np.maximum(X @ q["W1"] + q["b1"], 0) @ q["W2"] + q["b2"]
        return losses.softmax_cross_entropy(s, y)[0] + 0.05 * (np.sum(q["W1"] ** 2) + np.sum(q["W2"] ** 2))
    rng = np.random.default_rng(3)                  # the draws fit_network starts from
    p0 = {"W1": rng.normal(size=(5, 4)) * np.sqrt(2 / 5), "b1": np.zeros(4),
          "W2": rng.normal(size=(4, 10)) * np.sqrt(2 / 4), "b2": np.zeros(10)}
    step = {k: (p0[k] - p1[k]) / 0.1 for k in p0}
    errors = numeric.gradient_error(loss, p0, step)
    assert max(errors.values()) < 1e-6, errors


# ---- datasets --------------------------------------------------------------

def test_datasets_shapes_labels_and_seeding():
    X, y = datasets.xor()
    assert X.shape == (4, 2) and list(y) == [0, 1, 1, 0]
    for make in (datasets.moons, datasets.circles, datasets.spirals):
        X, y = make(n=90, seed=3)
        assert X.shape == (90, 2) and y.shape == (90,) and X.dtype == np.float64
        np.testing.assert_array_equal(X, make(n=90, seed=3)[0])
        assert not np.array_equal(X, make(n=90, seed=4)[0])
    assert set(datasets.spirals(n=90, classes=3)[1]) == {0, 1, 2}
    with pytest.raises(ValueError, match="n must be a whole number"):
        datasets.moons(n=1)
    with pytest.raises(ValueError, match="classes"):
        datasets.spirals(classes=1)


def test_digits_split():
    Xtr, Xte, ytr, yte = datasets.digits()
    assert Xtr.shape == (1347, 64) and Xte.shape == (450, 64)
    assert 0 <= Xtr.min() and Xtr.max() <= 1
    assert set(yte) == set(range(10))


@pytest.mark.parametrize("args", [(), (0.25, 0), (0.3, 1)])
def test_digits_is_scikit_learns_data_and_split(args):
    """digits() reads the course's split from a file (sparing the import of scikit-learn): it must be
    exactly what scikit-learn's load_digits and train_test_split give. If an upgrade of scikit-learn
    changed its split, `python -m nnkit.datasets` writes the file again."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    d = load_digits()
    test_size, seed = args or (0.25, 0)
    expected = train_test_split(d.data / 16.0, d.target, test_size=test_size, random_state=seed, stratify=d.target)
    for got, want in zip(datasets.digits(*args), expected):
        np.testing.assert_array_equal(got, want)
        assert got.dtype == want.dtype


# ---- plots -----------------------------------------------------------------

def test_interactive_figure_redraws_its_image_when_a_control_moves():
    import ipywidgets as widgets

    drawn = []

    def draw(k):
        drawn.append(k)
        fig, ax = plt.subplots()
        ax.plot([0, k])
        return fig

    k = widgets.IntSlider(value=1, min=1, max=3)
    box = plots.interactive_figure(draw, k=k)
    image = box.children[-1]
    first = image.value
    k.value = 2
    assert drawn == [1, 2] and k.description == "k" and box.children[0] is k
    assert first[:4] == image.value[:4] == b"\x89PNG" and image.value != first
    assert not plt.get_fignums(), "the drawn figures stay open"


def test_plots_label_their_axes():
    X, y = datasets.moons(n=40)
    ax = plots.decision_boundary(lambda P: (P[:, 1] > 0).astype(int), X, y, resolution=20)
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    ax = plots.curves({"train": [3, 2, 1], "test": [3, 2.5, 2]}, logy=True)
    assert ax.get_yscale() == "log" and len(ax.get_lines()) == 2
    ax = plots.optimizer_paths(lambda a, b: a ** 2 + b ** 2, {"sgd": np.array([[1.0, 1.0], [0.5, 0.5]])})
    assert ax.get_legend() is not None
    plt.close("all")
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\)"):
        plots.decision_boundary(lambda P: P[:, 0], np.zeros((5, 3)), np.zeros(5, int))
    with pytest.raises(ValueError, match="history"):
        plots.curves({})
    with pytest.raises(ValueError, match=r"paths\['a'\] must have shape \(T, 2\)"):
        plots.optimizer_paths(lambda a, b: a, {"a": np.zeros((3, 3))})


# ---- grading ---------------------------------------------------------------

def test_check_shape_and_close_messages():
    grading.check_shape(np.zeros((2, 3)), (2, 3), "out")
    with pytest.raises(AssertionError, match=r"out should have shape \(2, 3\) but has shape \(3, 2\)"):
        grading.check_shape(np.zeros((3, 2)), (2, 3), "out")
    with pytest.raises(AssertionError, match="forget to return"):
        grading.check_shape(None, (2,), "out")
    grading.check_close([1.0, 2.0], [1.0, 2.0 + 1e-9], "v")
    with pytest.raises(AssertionError, match=r"1 of 2 entries are wrong; at index \[1\] expected 3, got 2.\nWhere to look: x"):
        grading.check_close([1.0, 2.0], [1.0, 3.0], "v", hint="x")
    with pytest.raises(AssertionError, match="expected 1, got 2"):
        grading.check_close(2.0, 1.0, "loss")
    with pytest.raises(AssertionError, match="nan"):
        grading.check_close([np.nan], [1.0], "v")


def test_check_backward_catches_known_bugs():
    x, W, b = RNG.normal(size=(5, 3)), RNG.normal(size=(3, 4)), RNG.normal(size=4)

    def forgot_batch_sum(dout, cache):
        dx, dW, _ = layers.dense_backward(dout, cache)
        return dx, dW, dout[0]

    def transposed(dout, cache):
        dx, dW, db = layers.dense_backward(dout, cache)
        return dx, (cache[0].T @ dout).T.T * 0.5, db

    for bug, grad in [(forgot_batch_sum, "db"), (transposed, "dW")]:
        with pytest.raises(AssertionError, match=f"gradient {grad} does not match the numerical gradient"):
            grading.check_backward(layers.dense_forward, bug, {"x": x, "W": W, "b": b}, what="dense")
    with pytest.raises(AssertionError, match="should return 3 gradient"):
        grading.check_backward(layers.dense_forward, lambda d, c: (d, d), {"x": x, "W": W, "b": b}, what="dense")
    with pytest.raises(AssertionError, match="wrong sign|does not match"):
        grading.check_backward(layers.tanh_forward, lambda d, c: -layers.tanh_backward(d, c), {"z": x}, what="tanh")


def test_gradient_checks_look_along_random_directions_and_at_every_entry_only_when_those_disagree():
    """A right gradient costs the loss itself and three directions (2 calls each), not 2 calls per entry;
    a gradient off by 0.1 % in one entry of 100 fails, and the message names that entry."""
    calls = []

    def cube(s, y):
        calls.append(1)
        return np.sum(s ** 3), 3 * s ** 2

    s = RNG.normal(size=(10, 10))
    assert grading.check_loss_gradient(cube, s, None, what="cube") < 1e-7
    assert len(calls) == 1 + 2 * 3

    def off_in_one_entry(s, y):
        loss, ds = cube(s, y)
        ds[7, 3] *= 1.001
        return loss, ds

    with pytest.raises(AssertionError, match=r"Worst entry dx\[7, 3\]"):
        grading.check_loss_gradient(off_in_one_entry, s, None, what="cube")


def test_a_nan_along_any_direction_sends_the_check_to_every_entry():
    from nnkit._checks import direction_error

    calls = []

    def nan_first(v):
        calls.append(1)
        return float("nan") if len(calls) == 1 else float(np.sum(v ** 2))

    x = RNG.normal(size=5)
    assert np.isnan(direction_error(nan_first, x, 2 * x, 1e-5))


def test_check_backward_survives_a_forward_pass_that_writes_into_its_input():
    def relu_in_place(z):
        np.maximum(z, 0, out=z)
        return z.copy(), z > 0

    z = RNG.normal(size=(3, 4))
    z[np.abs(z) < 1e-3] = 0.5
    errs = grading.check_backward(relu_in_place, lambda d, mask: d * mask, {"z": z}, what="relu")
    assert errs["z"] < 1e-8


def test_check_loss_gradient_and_param_gradients():
    with pytest.raises(AssertionError, match="single number"):
        grading.check_loss_gradient(lambda s, y: (s, s), np.zeros((2, 2)), None, what="loss")
    with pytest.raises(AssertionError, match="does not match"):
        grading.check_loss_gradient(lambda s, y: (np.sum(s ** 2), s), RNG.normal(size=3), None, what="loss")

    def model(p):
        return np.sum(np.tanh(p["w"]) * p["v"]), {"w": (1 - np.tanh(p["w"]) ** 2) * p["v"], "v": np.tanh(p["w"])}

    params = {"w": RNG.normal(size=3), "v": RNG.normal(size=3)}
    assert max(grading.check_param_gradients(model, params, what="model").values()) < 1e-8
    with pytest.raises(AssertionError, match=r"no gradient returned for \['v'\]"):
        grading.check_param_gradients(lambda p: (0.0, {"w": p["w"]}), params, what="model")


def _uses_autograd(x):
    return autograd.grad(lambda v: v ** 2)(x)


def _uses_reference(x):
    return layers.relu_forward(x)


def _helper(x):
    return losses.mse_loss(x, x)


def _via_helper(x):
    return _helper(x)


def _plain(x):
    return np.tanh(x) + np.sum(x)


def _imports_inside(x):
    from autograd.differential_operators import grad
    return grad(np.sin)(x)


def _imports_reference_inside(x):
    import nnkit.gradcheck as g
    return g.numerical_gradient(np.sum, x)


def _imports_both_inside(x):
    import autograd
    import autograd.numpy as anp4
    return autograd.grad(anp4.exp)(x)


def _imports_numpy_inside(x):
    from autograd import numpy as anp2
    import autograd.numpy as anp3
    return anp2.sum(x) + anp3.sum(x)


def test_from_scratch_check_sees_imports_inside_functions():
    assert "autograd.differential_operators" in grading.find_delegation(_imports_inside)
    assert "nnkit.gradcheck" in grading.find_delegation(_imports_reference_inside)
    assert "autograd" in grading.find_delegation(_imports_both_inside)
    # The sandbox holds no part of autograd, so an answer may not import autograd.numpy either: it would
    # pass Validate in the student's kernel and score 0 when graded.
    assert "autograd.numpy" in grading.find_delegation(_imports_numpy_inside)


def test_an_answer_may_import_no_part_of_autograd():
    """One rule for Validate, the grader's flags and the sandbox (which holds no autograd at all)."""
    assert grading.forbidden_imports("import autograd.numpy as np") == ["autograd.numpy"]
    assert grading.forbidden_imports("from autograd import numpy as anp") == ["autograd.numpy"]
    assert grading.forbidden_imports("import numpy as np") == []
    assert grading.is_forbidden("autograd.scipy.special", grading.FORBIDDEN)
    assert not grading.is_forbidden("autogradx", grading.FORBIDDEN)


def test_from_scratch_check():
    assert grading.find_delegation(_plain) is None
    assert "autograd" in grading.find_delegation(_uses_autograd)
    assert "nnkit.layers" in grading.find_delegation(_uses_reference)
    assert "nnkit.losses" in grading.find_delegation(_via_helper)
    with pytest.raises(AssertionError, match="_uses_reference must be written from scratch"):
        grading.assert_from_scratch(_uses_reference)

    class Node:
        def grad(self):
            return autograd.grad(np.sin)(1.0)

    assert grading.find_delegation(Node) is not None
    grading.assert_from_scratch(_plain)


def test_hide_hidden_tests_preprocessor():
    import nbformat

    cell = nbformat.v4.new_code_cell("# visible\n### BEGIN HIDDEN TESTS\nassert secret()\n### END HIDDEN TESTS")
    cell.outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="dW is wrong",
                                           traceback=["assert secret()", "..."])]
    out, _ = HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert "secret" not in out.source and "visible" in out.source
    assert out.outputs[0]["traceback"] == ["AssertionError: dW is wrong"]


def test_a_nan_in_a_gradient_is_named_where_it_is():
    dx = np.array([0.5, 1.0, np.nan, 2.0])
    with pytest.raises(AssertionError, match=r"gradient dx contains 1 nan or inf entry: nan at index \[2\]"):
        grading.check_backward(lambda x: (2 * x, None), lambda dout, cache: dx, {"x": np.ones(4)}, "double")
    with pytest.raises(AssertionError, match=r"contains 2 nan or inf entries: inf at index \[0, 1\]"):
        grading.check_close(np.array([[1.0, np.inf], [np.nan, 4.0]]), np.ones((2, 2)), "scores")


def test_numeric_gradient_error_tells_right_from_wrong():
    x = np.random.default_rng(3).normal(size=(3, 4))
    assert numeric.gradient_error(lambda v: np.sum(np.sin(v)), x, np.cos(x)) < 1e-8
    assert numeric.gradient_error(lambda v: np.sum(np.sin(v)), x, -np.cos(x)) > 0.5
    params = {"a": x, "b": np.arange(3.0)}
    errors = numeric.gradient_error(lambda p: np.sum(p["a"] ** 2) + p["b"] @ p["b"], params,
                                    {"a": 2 * x, "b": np.array([0.0, 2.0, 5.0])})
    assert errors["a"] < 1e-8 and errors["b"] > 0.1
    assert np.array_equal(params["b"], np.arange(3.0))          # the probe point is left as it was


def test_functions_are_the_reference_layers_building_blocks():
    z = np.array([-800.0, -1.0, 0.0, 2.0, 800.0])
    assert np.all(np.isfinite(functions.sigmoid(z))) and functions.sigmoid(np.array(0.0)) == 0.5
    assert np.allclose(functions.softmax(np.array([[1000.0, 1000.0]])), 0.5)
    assert layers.sigmoid is functions.sigmoid and losses.softmax is functions.softmax


def test_an_answer_that_calls_the_checks_is_not_from_scratch():
    def sneaky(x):
        return grading.check_shape(x, (2,), "x")
    assert "nnkit.grading" in grading.find_delegation(sneaky)
    assert grading.find_delegation(sneaky, forbidden=grading.FORBIDDEN) is None


def test_a_setup_cell_that_imports_the_data_sets_does_not_import_scikit_learn():
    """Every assignment's setup cell imports nnkit.datasets; scikit-learn costs a second's import
    (five under a loaded grader, past a tight cell timeout), so only the functions that use it import it."""
    code = "import sys\nfrom nnkit import datasets, grading\nassert 'sklearn' not in sys.modules, 'sklearn imported'\n" \
           "datasets.xor(); datasets.spirals()\nassert 'sklearn' not in sys.modules\n" \
           "datasets.moons()\nassert 'sklearn' in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_check_unchanged_names_the_argument_and_the_key_that_changed():
    w, state = np.ones(3), {"v": np.zeros(3), "t": 1}
    before = grading.snapshot(w, state)
    grading.check_unchanged(before, (w, state), ("w", "state"), "step")
    state["v"] = state["v"] + 1                       # a new array put into the caller's dict
    with pytest.raises(AssertionError, match=r"step changed its argument: state\['v'\] was changed in place"):
        grading.check_unchanged(before, (w, state), ("w", "state"), "step")
    state = {"v": np.zeros(3), "t": 1, "extra": 0}
    with pytest.raises(AssertionError, match="state had the keys"):
        grading.check_unchanged(before, (w, state), ("w", "state"), "step")
    w += 1
    with pytest.raises(AssertionError, match=r"(?s)w was changed in place.*Where to look: w \+ v"):
        grading.check_unchanged(before, (w, before[1]), ("w", "state"), "step", hint="w + v")
    nan = grading.snapshot(np.array([np.nan, 1.0]), [float("nan")])
    grading.check_unchanged(nan, (np.array([np.nan, 1.0]), [float("nan")]), ("a", "b"), "f")


def test_validates_kernel_sockets_are_the_processes_own_and_removed_when_it_exits(tmp_path):
    """A kernel that dies (os._exit, a memory bomb) leaves its unix sockets behind, which jupyter_client
    removes only for kernels it shuts down: they are named per process and removed when that process ends."""
    code = ("from traitlets.config import Config\nfrom nnkit.validation import local_kernel\n"
            "c = Config()\nlocal_kernel(c)\nprint(c.KernelManager.ip)\n"
            "for port in (1, 2):\n    open(f'{c.KernelManager.ip}-{port}', 'w').close()\n")
    env = dict(os.environ, TMPDIR=str(tmp_path))
    prefixes = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                               check=True).stdout.strip() for _ in range(2)]
    assert prefixes[0] != prefixes[1] and all(p.startswith(str(tmp_path)) for p in prefixes), prefixes
    assert list(tmp_path.iterdir()) == [], f"left behind: {list(tmp_path.iterdir())}"

"""Plots the course draws again and again. Each function draws on `ax`
(a new figure if None), labels its axes and returns the axes.
`interactive_figure` is the lectures' widget: controls and the figure they draw."""

import base64
import io

import numpy as np
import matplotlib.pyplot as plt

from ._checks import as_float_array, labels


def _axes(ax, figsize=(5, 4)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def decision_boundary(predict, X, y, ax=None, title="Decision boundary", resolution=200, padding=0.5):
    """Colour the plane by predict(points) and scatter the data on top.

    predict: (M, 2) -> (M,) class labels. X: (N, 2), y: (N,) int labels.
    """
    X = as_float_array("X", X, 2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have shape (N, 2) to be drawn in the plane but has shape {X.shape}")
    y = labels("y", y, X.shape[0])
    ax = _axes(ax)
    (x0, y0), (x1, y1) = X.min(axis=0) - padding, X.max(axis=0) + padding
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    zz = np.asarray(predict(grid)).reshape(gx.shape)
    k = int(max(y.max(), zz.max())) + 1
    ax.contourf(gx, gy, zz, levels=np.arange(k + 1) - 0.5, cmap="coolwarm", alpha=0.3)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", vmin=0, vmax=k - 1, edgecolors="k", s=25)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title, xlim=(x0, x1), ylim=(y0, y1))
    return ax


def curves(history, ax=None, xlabel="epoch", ylabel="loss", title="Training curves", logy=False):
    """Plot one line per entry of history: dict label -> sequence of values."""
    if not history:
        raise ValueError("history must hold at least one named sequence of values")
    ax = _axes(ax)
    for label, values in history.items():
        ax.plot(np.arange(1, len(values) + 1), values, label=label)
    if logy:
        ax.set_yscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.legend()
    return ax


def optimizer_paths(f, paths, xlim=(-2, 2), ylim=(-2, 2), ax=None, title="Optimizer paths", levels=30):
    """Contours of f(x, y) with one path per optimizer.

    f: vectorized function of two arrays; paths: dict name -> (T, 2) array of iterates.
    """
    ax = _axes(ax, figsize=(6, 5))
    gx, gy = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    ax.contour(gx, gy, f(gx, gy), levels=levels, cmap="viridis", linewidths=0.7)
    for name, path in paths.items():
        path = as_float_array(f"paths[{name!r}]", path, 2)
        if path.shape[1] != 2:
            raise ValueError(f"paths[{name!r}] must have shape (T, 2) but has shape {path.shape}")
        ax.plot(path[:, 0], path[:, 1], "o-", ms=2, label=name)
    ax.set(xlabel="$w_1$", ylabel="$w_2$", title=title, xlim=xlim, ylim=ylim)
    ax.legend()
    return ax


def png(fig, dpi=72):
    """The figure as PNG bytes; the figure is closed (it is shown through the bytes only)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    return buffer.getvalue()


def interactive_figure(draw, **controls):
    """Display ipywidgets controls above the figure draw(**their values) returns, redrawn when one moves.

    draw: a function of the controls' values (by their names) that returns a matplotlib Figure.
    controls: name -> ipywidgets control (a Dropdown, a slider) with its initial value.
    The figure is a PNG in an ipywidgets Image, set through the widget's own state: it cannot be
    lost, as the output `widgets.interactive` captures could be when Run All drew it before Lab had
    made the widget's view (a blank figure). The first figure is also the output's still image,
    which a static view of the notebook shows in place of the widget. Returns the widget box.
    """
    import ipywidgets as widgets
    from IPython.display import display

    image = widgets.Image(format="png")

    def redraw(_=None):
        image.value = png(draw(**{name: control.value for name, control in controls.items()}))

    for name, control in controls.items():
        control.description = control.description or name
        control.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([*controls.values(), image])
    display({**box._repr_mimebundle_(), "image/png": base64.b64encode(image.value).decode("ascii")}, raw=True)
    return box

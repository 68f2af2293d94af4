"""Notebooks in the form JupyterLab saves them, so that opening one does not modify it.

When a notebook opens, its kernel reports its language, and Lab writes that into
the notebook's metadata (`language_info`) at the next save. A committed release
without it shows as modified in git as soon as a student opens it and saves, or
autosaves. `write` puts the metadata the course's kernel reports (the Python of
.venv) into each notebook: `make assignments` (tools/lab_form.py) and the
grader, whenever it generates a release, write releases this way.
"""

import platform

import nbformat

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": platform.python_version(),
}


def write(paths):
    """Rewrite each notebook whose kernelspec or language_info is not Lab's."""
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if nb.metadata.get("kernelspec") != KERNELSPEC or nb.metadata.get("language_info") != LANGUAGE_INFO:
            nb.metadata["kernelspec"], nb.metadata["language_info"] = KERNELSPEC, LANGUAGE_INFO
            nbformat.write(nb, path)

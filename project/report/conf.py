"""Sphinx configuration of a project report: build it with `python -m sphinx -b html report report/_build`."""

project = "Project report"            # your title
author = "your names"
extensions = ["myst_nb"]
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
nb_execution_mode = "off"             # notebooks are shown with the outputs you committed
myst_enable_extensions = ["dollarmath", "amsmath"]
html_theme = "sphinx_book_theme"
html_title = project

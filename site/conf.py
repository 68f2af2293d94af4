"""Sphinx configuration of the course website (make site, tools/site.py).

The site is built from a staged copy of what students may read (tools/site.py): the lectures
with their committed outputs, the released assignments, and the student-facing pages of docs/.
Nothing is executed, and nothing is loaded from the network when a page is read: formulas are
MathML written at build time (mathml.py), and an interactive figure shows its still image.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "Neural Networks from First Principles"
author = "the course's authors"
copyright = "the course's authors (code: MIT; teaching material: CC BY 4.0)"
extensions = ["myst_nb", "mathml"]
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
nb_execution_mode = "off"
# A widget's view needs a kernel and scripts from a CDN: the page shows the still image beside it.
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
html_theme = "sphinx_book_theme"
html_title = project
html_theme_options = {"use_download_button": False, "use_fullscreen_button": False}
html_copy_source = False
html_show_sourcelink = False

"""Write notebooks in the form JupyterLab saves them (grader/lab_form.py), so that opening one does not modify it.

    .venv/bin/python tools/lab_form.py NOTEBOOK ...      (run by `make assignments`)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from grader import lab_form  # noqa: E402

if __name__ == "__main__":
    lab_form.write(sys.argv[1:])

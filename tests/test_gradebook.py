"""grader/gradebook.py: what it costs to make a gradebook."""

import os
import subprocess
import sys
from pathlib import Path

from quality.coursekit import ROOT


def test_a_new_gradebook_starts_no_alembic_process_and_gets_alembics_head(tmp_path):
    """nbgrader stamps a new gradebook with `alembic heads`, run as a process of its own (a second of CPU for
    every course a test makes). With grader.gradebook imported, as nbgrader_config.py imports it, the same
    revision is read in-process: the gradebook is made here without alembic on PATH."""
    db = tmp_path / "gradebook.db"
    code = ("import sqlite3, grader.gradebook\nfrom nbgrader.api import Gradebook\n"
            f"Gradebook('sqlite:///{db}').close()\n"
            f"print(sqlite3.connect('{db}').execute('select version_num from alembic_version').fetchone()[0])")
    made = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env=dict(os.environ, PATH="/usr/bin:/bin", PYTHONPATH=str(ROOT)))
    assert made.returncode == 0, made.stderr[-2000:]
    from nbgrader.dbutil import _temp_alembic_ini
    with _temp_alembic_ini(f"sqlite:///{db}") as ini:
        heads = subprocess.run([str(Path(sys.executable).parent / "alembic"), "-c", ini, "heads"],
                               capture_output=True, text=True, check=True)
    assert made.stdout.split() == heads.stdout.split()[:1], (made.stdout, heads.stdout)

"""Set up the course's Python environment and open JupyterLab on the course.

This is the student bundle's one set-up command, `lab.py` in the bundle:

    python3.11 lab.py          Linux and macOS
    py -3.11 lab.py            Windows

The first run creates .venv in the bundle with the pinned packages
(requirements.txt) and nnkit, which takes a few minutes; later runs start at
once. JupyterLab then opens on course/index.ipynb, the course's landing page.

JupyterLab reads the bundle's own configuration, jupyter-config/
(tools/student-jupyter-config/ in the repo): nbgrader's Validate button stays;
the instructor's Formgrader and Create Assignment, nbgrader's exchange pages
(this course has no exchange) and the "Jupyter news?" prompt are off. It runs
in the bundle's folder, so Validate reads the bundle's nbgrader_config.py.
"""

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def install():
    """Create .venv with the pinned packages and nnkit, once."""
    if STAMP.exists():
        return
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"This course needs Python 3.11, and this is Python {sys.version.split()[0]}. "
                 f"Run: python3.11 lab.py (on Windows: py -3.11 lab.py).")
    print("Setting up .venv with the course's packages (only the first time; a few minutes) ...", flush=True)
    python = BIN / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        venv.create(VENV, with_pip=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", str(ROOT / "requirements.txt"), "-e", str(ROOT)], check=True)
    STAMP.touch()


def lab_command(bin_dir=BIN, extra=()):
    """The command and the environment that start JupyterLab on the course: (argv, env)."""
    argv = [str(Path(bin_dir) / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT}",
            "--LabApp.default_url=/lab/tree/course/index.ipynb", *extra]
    if hasattr(os, "getuid") and os.getuid() == 0:
        argv.append("--allow-root")
    return argv, dict(os.environ, JUPYTER_CONFIG_DIR=str(ROOT / "jupyter-config"))


def main():
    install()
    argv, env = lab_command(extra=sys.argv[1:])
    sys.exit(subprocess.call(argv, env=env, cwd=ROOT))


if __name__ == "__main__":
    main()

"""Set up the course's Python environment and open JupyterLab on the course.

This is the student bundle's one set-up command, `lab.py` in the bundle:

    python3.11 lab.py          Linux and macOS
    py -3.11 lab.py            Windows

The first run creates .venv in the bundle with the pinned packages
(requirements.txt) and nnkit, which takes a few minutes; later runs start at
once. JupyterLab then opens on course/index.ipynb, the course's landing page.

Next week's release comes as a new bundle zip:

    python3.11 lab.py --update new-bundle.zip

New lectures and assignments arrive, and files the student never changed are
brought up to date; a file the student changed (a notebook they started) is
never overwritten: where the release changed it too, the new version is put
beside it (a03-mlp.week4.ipynb). bundle.json records what each release held.

JupyterLab reads the bundle's own configuration, jupyter-config/
(tools/student-jupyter-config/ in the repo): nbgrader's Validate button stays;
the instructor's Formgrader and Create Assignment, nbgrader's exchange pages
(this course has no exchange) and the "Jupyter news?" prompt are off; the file
browser follows the open notebook to its folder (lab-settings/overrides.json).
It runs in the bundle's folder, so Validate reads the bundle's nbgrader_config.py.
"""

import hashlib
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path, PurePosixPath

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
            "--LabApp.default_url=/lab/tree/course/index.ipynb",
            f"--LabApp.app_settings_dir={ROOT / 'jupyter-config' / 'lab-settings'}", *extra]
    if hasattr(os, "getuid") and os.getuid() == 0:
        argv.append("--allow-root")
    return argv, dict(os.environ, JUPYTER_CONFIG_DIR=str(ROOT / "jupyter-config"))


def _sha(data):
    return hashlib.sha256(data).hexdigest()


def update(zip_path, root=ROOT):
    """Take a newer bundle into this folder without losing anything the student changed; return the report lines."""
    manifest = root / "bundle.json"
    released = json.loads(manifest.read_text())["files"] if manifest.exists() else {}
    report = []
    with zipfile.ZipFile(zip_path) as z:
        members = {}
        for info in z.infolist():
            parts = PurePosixPath(info.filename).parts
            if info.is_dir() or len(parts) < 2 or ".." in parts or info.filename.startswith("/"):
                continue
            members[str(PurePosixPath(*parts[1:]))] = info
        if "bundle.json" not in members:
            sys.exit(f"{zip_path} is not a course bundle (it has no bundle.json)")
        new = json.loads(z.read(members["bundle.json"]))
        week = new.get("week", "new")
        for rel, info in sorted(members.items()):
            if rel == "bundle.json":
                continue
            data, target = z.read(info), root / rel
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                report.append(f"  new      {rel}")
                continue
            mine = _sha(target.read_bytes())
            if mine == _sha(data):
                continue
            if mine == released.get(rel):                  # as released: the student never changed it
                target.write_bytes(data)
                report.append(f"  updated  {rel}")
                if rel == "requirements.txt":
                    STAMP.unlink(missing_ok=True)          # the next start installs what changed
            elif released.get(rel) != _sha(data):          # both changed: theirs stays, the release goes beside
                beside = target.with_name(f"{target.stem}.week{week}{target.suffix}")
                if beside.exists() and _sha(beside.read_bytes()) == _sha(data):
                    continue
                beside.write_bytes(data)
                report.append(f"  kept     {rel} (yours); the new release of it is {beside.relative_to(root)}")
        manifest.write_bytes(z.read(members["bundle.json"]))
    return [f"Updated to week {week} from {Path(zip_path).name}:"] + (report or ["  nothing new"])


def main():
    if sys.argv[1:2] == ["--update"]:
        if len(sys.argv) != 3:
            sys.exit("usage: python3.11 lab.py --update new-bundle.zip")
        print("\n".join(update(sys.argv[2])))
        return
    install()
    argv, env = lab_command(extra=sys.argv[1:])
    sys.exit(subprocess.call(argv, env=env, cwd=ROOT))


if __name__ == "__main__":
    main()

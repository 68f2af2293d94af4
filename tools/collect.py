"""File an LMS download into submitted/ with nbgrader's zip_collect.

    .venv/bin/python tools/collect.py download.zip aNN-name

The zip holds one file per student named <student_id>_<file>, for example
alice_a02-backprop.ipynb (pattern: c.FileNameCollectorPlugin.named_regexp in
nbgrader_config.py). Nothing is ever lost: before zip_collect replaces the
assignment's folders in submitted/, they are copied to
submitted-history/<assignment>/<UTC time>/. Afterwards it says what was
filed, and for each file it could not file under the right name, how to fix it.
"""

import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    zip_path, aid = Path(sys.argv[1]), sys.argv[2]
    if not zip_path.is_file():
        sys.exit(f"No such file: {zip_path}")
    if not (Path("source") / aid).is_dir():
        sys.exit(f"Unknown assignment {aid!r}: no folder source/{aid}")
    archive = Path("downloaded") / aid / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    shutil.copy(zip_path, archive / zip_path.name)
    existing = sorted(Path("submitted").glob(f"*/{aid}"))
    if existing:
        backup = Path("submitted-history") / aid / time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        for folder in existing:
            shutil.copytree(folder, backup / folder.parent.name)
        print(f"Backed up {len(existing)} earlier submission(s) of {aid} to {backup}")
    nbgrader = [sys.executable, "-m", "nbgrader", "zip_collect", aid, "--force", "--log-level=ERROR"]
    code = subprocess.run(nbgrader).returncode
    if code == 0:
        explain(zip_path, aid)
    sys.exit(code)


def explain(zip_path, aid):
    """Print what was filed, and how to fix each file the grader will not find."""
    config = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
    pattern = re.compile(config.FileNameCollectorPlugin.named_regexp)
    with zipfile.ZipFile(zip_path) as z:
        names = [n for n in z.namelist() if n.endswith(".ipynb") and not n.endswith("/")]
    unmatched = [n for n in names if not pattern.match(n)]
    folders = sorted(Path("submitted").glob(f"*/{aid}"))
    print(f"{aid}: {len(folders)} student folder(s) in submitted/ from {len(names)} notebook(s) in {zip_path.name}")
    for folder in folders:
        if not (folder / f"{aid}.ipynb").exists():
            found = sorted(p.name for p in folder.glob("*.ipynb"))
            print(f"  MISNAMED {folder.parent.name}: has {', '.join(found) or 'no notebook'}; the grader reads "
                  f"{aid}.ipynb. Fix: mv '{folder / (found[0] if found else 'THE-FILE')}' '{folder / (aid + '.ipynb')}'"
                  f" (until then it is reported ungraded, with this reason)")
    for name in unmatched:
        print(f"  NOT FILED {name!r}: its name is not <student_id>_<file> (a student id has letters, digits, "
              f"'.' and '-'). Fix: mkdir -p submitted/<student_id>/{aid} and copy it there as {aid}.ipynb")


if __name__ == "__main__":
    main()

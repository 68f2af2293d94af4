"""File an LMS download into submitted/ with nbgrader's zip_collect.

    .venv/bin/python tools/collect.py download.zip aNN-name

The zip holds one file per student named <student_id>_<file>, for example
alice_a02-backprop.ipynb (pattern: c.FileNameCollectorPlugin.named_regexp in
nbgrader_config.py). Nothing is ever lost: before zip_collect replaces the
assignment's folders in submitted/, they are copied to
submitted-history/<assignment>/<UTC time>/.
"""

import shutil
import subprocess
import sys
import time
from pathlib import Path


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
    nbgrader = [sys.executable, "-m", "nbgrader", "zip_collect", aid, "--force"]
    sys.exit(subprocess.run(nbgrader).returncode)


if __name__ == "__main__":
    main()

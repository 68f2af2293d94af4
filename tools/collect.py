"""File an LMS download into submitted/ with nbgrader's zip_collect: the newest submission per student.

    .venv/bin/python tools/collect.py download.zip aNN-name

The zip holds one file per student named <student_id>_<file>, for example
alice_a02-backprop.ipynb (pattern: c.FileNameCollectorPlugin.named_regexp in
nbgrader_config.py); its entries carry the time the student uploaded them.
Any number of downloads of an assignment, in any order (late work,
resubmissions, the same zip twice), file the newest submission of each
student: a student's file is filed only if it is newer than what is filed
already (submitted/<student>/<aid>/timestamp.txt, grader/lms.py), so a TA's
fix of a misnamed file survives collecting an older zip again. A folder it
replaces is first copied to submitted-history/<assignment>/<UTC time>/. Each
download is kept in downloaded/<aid>/zips/. It says what it filed, what it
kept and why, and for each file it could not file under the right name, how
to fix it.
"""

import json
import re
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import datetime
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from grader.lms import filed_time  # noqa: E402


def entry_time(info):
    """A zip entry's time, read as UTC (zip stores no time zone), as a naive datetime."""
    return datetime(*info.date_time)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    zip_path, aid = Path(sys.argv[1]), sys.argv[2]
    if not zip_path.is_file():
        sys.exit(f"No such file: {zip_path}")
    if not (Path("source") / aid).is_dir():
        sys.exit(f"Unknown assignment {aid!r}: no folder source/{aid}")
    config = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
    pattern = re.compile(config.FileNameCollectorPlugin.named_regexp)
    down = Path("downloaded") / aid
    (down / "zips").mkdir(parents=True, exist_ok=True)
    shutil.copy(zip_path, down / "zips" / f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{zip_path.name}")
    for folder in (down / "archive", down / "extracted"):     # only this download is collected
        shutil.rmtree(folder, ignore_errors=True)
    (down / "archive").mkdir()
    times = {}

    with zipfile.ZipFile(zip_path) as z:
        entries = [i for i in z.infolist() if i.filename.endswith(".ipynb") and not i.is_dir()]
        newest = {}
        for info in entries:
            m = pattern.match(info.filename)
            if m and (m["student_id"] not in newest or entry_time(info) >= entry_time(newest[m["student_id"]])):
                newest[m["student_id"]] = info
        take, kept = {}, []
        for sid, info in sorted(newest.items()):
            have = filed_time(Path("submitted") / sid / aid)
            if have is not None and have >= entry_time(info):
                kept.append(f"  KEPT {sid}: what is filed ({have:%Y-%m-%d %H:%M}) is not older than this "
                            f"download's ({entry_time(info):%Y-%m-%d %H:%M})")
            else:
                take[sid] = (info, have)
        for sid, (info, _) in take.items():
            name = Path(info.filename).name
            (down / "archive" / name).write_bytes(z.read(info))
            times[name] = entry_time(info).isoformat()
    (down / "times.json").write_text(json.dumps(times, indent=1))

    replaced = [sid for sid in take if any((Path("submitted") / sid / aid).glob("*"))]
    if replaced:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        backup = next(b for b in (Path("submitted-history") / aid / f"{stamp}{n or ''}" for n in range(1000))
                      if not b.exists())
        for sid in replaced:
            shutil.copytree(Path("submitted") / sid / aid, backup / sid)
        print(f"Backed up {len(replaced)} earlier submission(s) of {aid} to {backup}")
    if take:
        nbgrader = [sys.executable, "-m", "nbgrader", "zip_collect", aid, "--force", "--log-level=ERROR",
                    "--ZipCollectApp.collector_plugin=grader.lms.TimestampedCollector",
                    f"--TimestampedCollector.times_file={(down / 'times.json').resolve()}"]
        code = subprocess.run(nbgrader).returncode
        if code != 0:
            sys.exit(code)
    explain(zip_path, aid, pattern, [n.filename for n in entries], take, kept, replaced)


def explain(zip_path, aid, pattern, names, take, kept, replaced):
    """Print what was filed and kept, and how to fix each file the grader will not find."""
    print(f"{aid}: {len(take)} submission(s) filed from the {len(names)} notebook(s) in {zip_path.name}")
    for sid, (info, have) in take.items():
        print(f"  FILED {sid}: submitted {info.date_time[0]:04d}-{info.date_time[1]:02d}-{info.date_time[2]:02d} "
              f"{info.date_time[3]:02d}:{info.date_time[4]:02d}"
              + (f", replacing the one of {have:%Y-%m-%d %H:%M} (kept in submitted-history/)" if have else
                 ", replacing what was filed (kept in submitted-history/)" if sid in replaced else ""))
    for line in kept:
        print(line)
    for sid in take:
        folder = Path("submitted") / sid / aid
        if not (folder / f"{aid}.ipynb").exists():
            found = sorted(p.name for p in folder.glob("*.ipynb"))
            print(f"  MISNAMED {sid}: has {', '.join(found) or 'no notebook'}; the grader reads "
                  f"{aid}.ipynb. Fix: mv '{folder / (found[0] if found else 'THE-FILE')}' '{folder / (aid + '.ipynb')}'"
                  f" (until then it is reported ungraded, with this reason)")
    for name in names:
        if not pattern.match(name):
            print(f"  NOT FILED {name!r}: its name is not <student_id>_<file> (a student id has letters, digits, "
                  f"'.' and '-'). Fix: mkdir -p submitted/<student_id>/{aid} and copy it there as {aid}.ipynb")


if __name__ == "__main__":
    main()

"""An LMS download as nbgrader's zip_collect sees it: each file carries the time the LMS gave it.

tools/collect.py puts the files of one download that are to be filed into
downloaded/<aid>/archive/, writes the time each zip entry records (when the
student uploaded it) to downloaded/<aid>/times.json, and runs nbgrader's
zip_collect with this collector, which reads them. nbgrader
then keeps the newest file of a student within the download and writes that
time to submitted/<student>/<aid>/timestamp.txt, where nbgrader reads the
submission time (late penalties, the Formgrader). tools/collect.py compares it
with the time of what is already filed, so that a download never replaces a
newer submission.

The way back: `feedback_zip` puts every graded student's feedback page into
one zip, lms/<aid>-feedback.zip, each named <student>_<aid>.html, which an
LMS's bulk upload of feedback files matches to its students (`make feedback`
and the Formgrader's Release Feedback button write it). lms/<aid>/ is where a
TA puts the LMS's downloads for the Formgrader's Collect button.

    python -m grader.lms feedback aNN-name ...
"""

import json
import os
import sys
import zipfile
from pathlib import Path

from nbgrader.plugins import FileNameCollectorPlugin
from nbgrader.utils import parse_utc
from traitlets import Unicode


class TimestampedCollector(FileNameCollectorPlugin):
    """nbgrader's file-name collector, with the upload time of each file (times_file) as its submission time."""

    times_file = Unicode("", help="JSON {file name: ISO time} of the download being collected").tag(config=True)

    def collect(self, submitted_file):
        info = super().collect(submitted_file)
        if info is not None and self.times_file:
            times = json.loads(Path(self.times_file).read_text())
            info["timestamp"] = times.get(os.path.basename(submitted_file))
        return info


def filed_time(folder):
    """When what is filed in a submission folder was submitted (its timestamp.txt), or None if nothing
    is filed or it does not say (a folder filled by hand: the download replaces it, kept in history)."""
    stamp = folder / "timestamp.txt"
    try:
        return parse_utc(stamp.read_text().strip()) if stamp.is_file() else None
    except (ValueError, TypeError):
        return None


LMS = "lms"      # lms/<aid>/*.zip: downloads to collect; lms/<aid>-feedback.zip: feedback to upload


def feedback_zip(root, aid):
    """Write lms/<aid>-feedback.zip of the feedback pages of every student graded in autograded/.

    Returns (path, names of the students in it, [why each other graded student is left out]).
    A page older than the student's graded notebook (regraded since) is left out, not sent;
    with no page at all no zip is written, and an earlier one is removed, so none looks current.
    """
    root = Path(root)
    path = root / LMS / f"{aid}-feedback.zip"
    included, left_out = [], []
    for graded in sorted((root / "autograded").glob(f"*/{aid}/{aid}.ipynb")):
        sid = graded.parent.parent.name
        page = root / "feedback" / sid / aid / f"{aid}.html"
        if not page.is_file():
            left_out.append(f"{sid}: no feedback page (generate feedback first)")
        elif page.stat().st_mtime < graded.stat().st_mtime:
            left_out.append(f"{sid}: the feedback page is older than the last grading (generate feedback again)")
        else:
            included.append((sid, page))
    path.unlink(missing_ok=True)
    if included:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            for sid, page in included:
                z.write(page, f"{sid}_{aid}.html")
        part.replace(path)
    return path, [sid for sid, _ in included], left_out


def main(argv):
    if len(argv) < 2 or argv[0] != "feedback":
        sys.exit("usage: python -m grader.lms feedback aNN-name ...")
    for aid in argv[1:]:
        path, students, left_out = feedback_zip(".", aid)
        if students:
            print(f"{aid}: {path} holds {len(students)} feedback page(s), one per student named "
                  f"<student>_{aid}.html: upload it to the LMS as the assignment's feedback files")
        else:
            print(f"{aid}: no feedback page to send")
        for why in left_out:
            print(f"  LEFT OUT {why}")


if __name__ == "__main__":
    main(sys.argv[1:])

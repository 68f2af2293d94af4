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
"""

import json
import os
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

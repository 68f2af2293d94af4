"""nbgrader's exchange: nbgrader's own where one is configured, else stand-ins for a course without one.

A course on JupyterHub (deploy/jupyterhub/) configures an exchange root
(c.Exchange.root in an nbgrader_config.py on the Jupyter config path), and
uses nbgrader's exchange as it is: release, fetch, submit, collect, feedback.

Without one, students get assignments in the student bundle (`make student-bundle`) and
hand them in through the LMS (`make collect`); feedback pages go back the
same way. nbgrader_config.py plugs these classes into nbgrader's
ExchangeFactory, so that the Formgrader says so instead of warning about a
missing exchange folder:

- an assignment is "released" once its student version is in assignments/
  (the bundle hands it out in its week of plan.toml), "draft" before;
- Release and Unrelease explain where that is done in this course;
- Collect files every LMS download a TA put in lms/<assignment>/ (as
  `make collect` does, tools/collect.py), and Release Feedback writes
  lms/<assignment>-feedback.zip for the LMS (grader/lms.py), saying what
  they did in the Formgrader's log, lines short enough to read whole.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

from jupyter_core.paths import jupyter_config_path
from nbgrader.exchange.abc import ExchangeCollect, ExchangeList, ExchangeReleaseAssignment, ExchangeReleaseFeedback
from traitlets.config.loader import PyFileConfigLoader

from .lms import LMS, feedback_zip

TOOLS = Path(__file__).resolve().parents[1] / "tools"


def configured_root():
    """The exchange root an nbgrader_config.py on the Jupyter config path sets (c.Exchange.root), or None."""
    for folder in jupyter_config_path():
        if (Path(folder) / "nbgrader_config.py").is_file():
            config = PyFileConfigLoader("nbgrader_config.py", path=folder).load_config()
            if "root" in config.Exchange:
                return config.Exchange.root
    return None


def configure(c):
    """The course's exchange in the config c: nbgrader's where a root is configured, else the LMS stand-ins."""
    if configured_root():
        return
    c.ExchangeFactory.list = "grader.exchange.List"
    c.ExchangeFactory.release_assignment = "grader.exchange.ReleaseAssignment"
    c.ExchangeFactory.collect = "grader.exchange.Collect"
    c.ExchangeFactory.release_feedback = "grader.exchange.ReleaseFeedback"


def say(log, level, text):
    """Log text in lines the Formgrader's log box shows whole (it does not wrap)."""
    for line in textwrap.wrap(text, 76, subsequent_indent="  "):
        getattr(log, level)(line)


class List(ExchangeList):
    def start(self):
        if self.remove:
            self.fail("This course has no exchange to unrelease from: students hold what their student bundle "
                      "gave them. To take an assignment back, leave it out of the next bundle (UNTIL=aNN in "
                      "make student-bundle).")
        release = Path(self.coursedir.root) / self.coursedir.release_directory
        return [{"course_id": self.coursedir.course_id, "assignment_id": p.name, "status": "released"}
                for p in sorted(release.glob("*/")) if (p / f"{p.name}.ipynb").exists()]


class ReleaseAssignment(ExchangeReleaseAssignment):
    def start(self):
        self.fail("This course has no exchange: run `make assignments` to write the student version into "
                  "assignments/, and `make student-bundle UNTIL=<assignment>` for the zip students download.")


class Collect(ExchangeCollect):
    def start(self):
        root, aid = Path(self.coursedir.root), self.coursedir.assignment_id
        zips = sorted((root / LMS / aid).glob("*.zip"), key=lambda p: p.stat().st_mtime)
        if not zips:
            say(self.log, "warning", f"Nothing to collect: there is no zip in {LMS}/{aid}/. Download the "
                                     f"submissions of {aid} from the LMS as a zip, put it in {LMS}/{aid}/ and press "
                                     f"Collect again (or run make collect ZIP=download.zip ASSIGNMENT={aid}).")
            return
        for path in zips:
            done = subprocess.run([sys.executable, str(TOOLS / "collect.py"), str(path), aid], cwd=root,
                                  capture_output=True, text=True)
            say(self.log, "info", f"{path.name}:")
            for line in (done.stdout + done.stderr).splitlines():
                say(self.log, "info" if done.returncode == 0 else "error", line)
            if done.returncode != 0:
                self.fail(f"{path.name} could not be collected: see the log above")
            path.unlink()                             # tools/collect.py kept a copy in downloaded/<aid>/zips/


class ReleaseFeedback(ExchangeReleaseFeedback):
    def start(self):
        aid = self.coursedir.assignment_id
        path, students, left_out = feedback_zip(self.coursedir.root, aid)
        if students:
            say(self.log, "info", f"{LMS}/{path.name} holds the feedback pages of {len(students)} student(s), each "
                                  f"named <student>_{aid}.html: upload it to the LMS as the assignment's "
                                  f"feedback files.")
        else:
            say(self.log, "warning", f"Nothing to release: no student of {aid} has a current feedback page. "
                                     f"Press Generate Feedback first.")
        for why in left_out:
            say(self.log, "warning", f"Left out {why}.")

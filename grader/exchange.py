"""nbgrader's exchange, for a course that has none.

Students get assignments in the student bundle (`make student-bundle`) and
hand them in through the LMS (`make collect`); feedback pages go back the
same way. nbgrader_config.py plugs these classes into nbgrader's
ExchangeFactory, so that the Formgrader says so instead of warning about a
missing exchange folder:

- an assignment is "released" once its student version is in assignments/
  (the bundle hands it out in its week of plan.toml), "draft" before;
- Release, Unrelease, Collect and Release Feedback explain where that is
  done in this course.
"""

from pathlib import Path

from nbgrader.exchange.abc import ExchangeCollect, ExchangeList, ExchangeReleaseAssignment, ExchangeReleaseFeedback


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
        self.fail("This course has no exchange: download the submissions from the LMS as a zip and run "
                  "`make collect ZIP=download.zip ASSIGNMENT=<assignment>`.")


class ReleaseFeedback(ExchangeReleaseFeedback):
    def start(self):
        self.fail("This course has no exchange: `make feedback` writes feedback/<student>/<assignment>/"
                  "<assignment>.html; give each student theirs through the LMS.")

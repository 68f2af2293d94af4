"""nbgrader settings of every server on the course hub (deploy/jupyterhub/jupyterhub_config.py puts this folder
on JUPYTER_CONFIG_PATH; on a hub of your own, this is /etc/jupyter/nbgrader_config.py).

The exchange root switches the course to nbgrader's exchange: the course's own nbgrader_config.py keeps
its LMS stand-ins (grader/exchange.py) only where no exchange root is configured.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = os.environ.get("COURSE_ID", "nn-first-principles")
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
c.Exchange.path_includes_course = True
# In a user's server, the courses listed come from the hub's groups: nbgrader-<course> (students) and
# formgrade-<course> (instructors, TAs). The groups follow the roster, students.csv (jupyterhub_config.py),
# so the grader's own commands and the Formgrader service leave them alone.
if os.environ.get("JUPYTERHUB_USER"):
    c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"
# Validate applies the grader's policy, as in the student bundle.
load_subconfig(str(Path(__file__).resolve().parents[2] / "tools" / "student_nbgrader_config.py"))  # noqa: F821

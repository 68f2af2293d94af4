"""JupyterHub for the course: students work on the hub and hand in through nbgrader's exchange.

    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

The README's "Running a course on JupyterHub" says how to deploy it. What a
deployment changes is read from the environment (the block below), with the
defaults a single course server would use. HUB_TEST=1 makes the same hub
that `make test-hub` drives: a dummy authenticator, every user's server a
local process, everything on loopback.

- Groups, as nbgrader's multi-course support expects them: nbgrader-<course>
  holds the students (from the roster CSV, the one `make roster` reads),
  formgrade-<course> the instructors and TAs.
- The Formgrader runs as a hub service named after the course, in the course
  folder, reachable by formgrade-<course> only (/services/<course>/).
- Every user's server reads deploy/jupyterhub/nbgrader_config.py (the
  exchange root, nbgrader's JupyterHub course list, Validate as in the
  bundle) and the student bundle's Lab configuration
  (tools/student-jupyter-config/: Validate, no Formgrader, no Create
  Assignment) with nbgrader's assignment list switched on (student/);
  instructors' servers also list the courses they grade (instructor/).
  tests/test_hub.py checks that student/ and the bundle's differ only there.
"""

import csv
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BIN = Path(sys.executable).parent

# ---- What a deployment changes ----------------------------------------------------------------------------
COURSE = os.environ.get("COURSE_ID", "nn-first-principles")          # nbgrader's course id (nbgrader_config.py)
COURSE_ROOT = Path(os.environ.get("COURSE_ROOT", REPO))               # the course folder: source/, gradebook
STATE = Path(os.environ.get("HUB_STATE", "/srv/jupyterhub"))          # the hub's database, cookie secret, ...
EXCHANGE = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
ROSTER = Path(os.environ.get("HUB_ROSTER", COURSE_ROOT / "students.csv"))   # id,first_name,last_name,email
STAFF = os.environ.get("HUB_STAFF", "instructor").split(",")          # instructors and TAs: the Formgrader
HUB_IP = os.environ.get("HUB_IP", "")                                 # "" = every interface; a TLS proxy in front
HUB_PORT = int(os.environ.get("HUB_PORT", "8000"))
HUB_API_PORT = int(os.environ.get("HUB_API_PORT", "8081"))                   # the hub's own API, on loopback
PROXY_API_PORT = int(os.environ.get("HUB_PROXY_API_PORT", "8001"))
FORMGRADER_PORT = int(os.environ.get("HUB_FORMGRADER_PORT", "9999"))
TEST = os.environ.get("HUB_TEST") == "1"
# ------------------------------------------------------------------------------------------------------------

c = get_config()  # noqa: F821

with open(ROSTER, newline="") as f:
    STUDENTS = [row["id"] for row in csv.DictReader(f)]

STATE.mkdir(parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.ip, c.JupyterHub.port = HUB_IP, HUB_PORT
c.JupyterHub.hub_ip, c.JupyterHub.hub_port = "127.0.0.1", HUB_API_PORT
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.command = [str(REPO / ".venv" / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.Authenticator.allowed_users = set(STUDENTS) | set(STAFF)
c.Authenticator.admin_users = set(STAFF[:1])

c.JupyterHub.load_groups = {
    f"nbgrader-{COURSE}": {"users": STUDENTS},
    f"formgrade-{COURSE}": {"users": STAFF},
}
c.JupyterHub.load_roles = [
    # Users reach their own server only: not every service, as JupyterHub's default user role allows.
    {"name": "user", "scopes": ["self"]},
    {"name": f"formgrade-{COURSE}", "groups": [f"formgrade-{COURSE}"],
     "scopes": [f"access:services!service={COURSE}"]},
    # A user's server acts for its user: nbgrader's assignment and course lists read the user's groups.
    {"name": "server", "scopes": ["inherit"]},
]

# Every user's server: the Lab of the student bundle, nbgrader's exchange pages on.
c.Spawner.environment = {"NBGRADER_EXCHANGE": EXCHANGE, "COURSE_ID": COURSE,
                         "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
c.Spawner.default_url = "/lab"
LAB_SETTINGS = f"--LabApp.app_settings_dir={REPO / 'tools' / 'student-jupyter-config' / 'lab-settings'}"


def config_path(spawner):
    """The user's settings (student/, or instructor/ for staff, who also list the courses they grade) and
    this folder's nbgrader_config.py, on JUPYTER_CONFIG_PATH: read-only, and above the environment's own
    settings (which switch the exchange pages off for the course's local Lab); Lab writes its state in the
    user's home."""
    staff = any(g.name == f"formgrade-{COURSE}" for g in spawner.user.groups)
    folder = HERE / ("instructor" if staff else "student")
    spawner.environment = dict(spawner.environment, JUPYTER_CONFIG_PATH=os.pathsep.join([str(folder), str(HERE)]))


c.Spawner.pre_spawn_hook = config_path

# The Formgrader: nbgrader's, in the course folder, as the hub service /services/<course>/.
c.JupyterHub.services = [{
    "name": COURSE,
    "url": f"http://127.0.0.1:{FORMGRADER_PORT}",
    "command": [str(BIN / "jupyterhub-singleuser"), f"--ServerApp.root_dir={COURSE_ROOT}"]
               + (["--allow-root"] if os.geteuid() == 0 else []),
    "cwd": str(COURSE_ROOT),
    "environment": {"JUPYTER_CONFIG_PATH": str(HERE), "NBGRADER_EXCHANGE": EXCHANGE, "COURSE_ID": COURSE,
                    "DB_URL": os.environ.get("DB_URL", ""), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                    "JUPYTERHUB_DEFAULT_URL": "/formgrader"},
    "oauth_no_confirm": True,
}]

if TEST:
    # make test-hub: anyone logs in with the test password; every server is a local process of this
    # machine's user, which sees itself as "jovyan", the user of Jupyter's container images, so that
    # nbgrader's exchange knows each student by JUPYTERHUB_USER, as on a container-based hub.
    c.JupyterHub.ip = "127.0.0.1"
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ["HUB_TEST_PASSWORD"]
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
    passwd = STATE / "passwd"
    passwd.write_text("".join(("jovyan" + line[line.index(":"):]) if line.split(":")[2] == str(os.getuid())
                              else line for line in open("/etc/passwd")))
    c.Spawner.cmd = ["bwrap", "--dev-bind", "/", "/", "--ro-bind", str(passwd), "/etc/passwd", "--die-with-parent",
                     "--", str(BIN / "jupyterhub-singleuser")]
    c.Spawner.args = [LAB_SETTINGS] + (["--allow-root"] if os.geteuid() == 0 else [])
    c.Spawner.http_timeout = 60
    # The test's own driver: an API token that may create users' tokens and start their servers.
    c.JupyterHub.services.append({"name": "test-driver", "api_token": os.environ["HUB_TEST_TOKEN"]})
    c.JupyterHub.load_roles.append({"name": "test-driver", "services": ["test-driver"], "scopes": ["admin:users",
                                    "admin:servers", "tokens", "list:users", "read:users", "read:groups"]})
else:
    # A real course: the university's login (PAM here; OAuthenticator or LTI are the usual choices) and a
    # server per user as that user (LocalProcessSpawner); DockerSpawner or KubeSpawner (Zero to
    # JupyterHub) run each in a container instead, as jovyan.
    c.JupyterHub.authenticator_class = "pam"
    c.JupyterHub.spawner_class = "localprocess"
    c.Spawner.args = [LAB_SETTINGS]

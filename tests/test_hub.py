"""A term on JupyterHub, end to end (make test-hub; loopback only, and everything it starts is stopped).

PostgreSQL from Debian's package is the gradebook, JupyterHub (deploy/jupyterhub/jupyterhub_config.py,
HUB_TEST=1) serves three students and an instructor, nbgrader's exchange carries the assignment and the
feedback, and a Dask scheduler with two workers grades, sandboxed. The steps, in order:
- the instructor releases a01 to the exchange;
- alice, bob and carol start their servers and fetch a01 through the hub's REST API; alice answers it
  right, bob with a classic mistake (a buggy variant), carol leaves it blank; each submits;
- the instructor collects and grades on the Dask workers into PostgreSQL, and one worker is killed in the
  middle of a submission: the class still ends fully graded, and the killed worker's processes are gone;
- the instructor writes and releases the feedback; each student fetches their page through the hub;
- every score (per cell, in the gradebook), grades.csv, and each feedback page are checked; the
  Formgrader service answers the instructor and refuses a student.
"""

import csv
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import nbformat
import psutil
import pytest

from quality import coursekit, services
from quality.services import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
AID = "a01-neurons"
COURSE = "nn-first-principles"
CHP = ROOT / ".venv" / "node_modules" / ".bin" / "configurable-http-proxy"
WRONG = coursekit.variants(AID)[0]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / "build" / "screenshots"
# What a hub server's Lab has beyond the bundle's: nbgrader's Assignments tab, and its menu to open it (the
# Formgrader's entry in that menu stays off: the Formgrader is the hub service); staff also list courses.
EXCHANGE_PAGES = {"nbgrader.server_extensions.assignment_list", "@jupyter/nbgrader:assignment-list",
                  "@jupyter/nbgrader:menu", "@jupyter/nbgrader:formgrader"}
COURSE_LIST = {"nbgrader.server_extensions.course_list", "@jupyter/nbgrader:course-list"}
needs_services = pytest.mark.skipif(
    services.PG_BIN is None or not CHP.exists() or shutil.which("bwrap") is None or CHROMIUM is None,
    reason="THE HUB TEST DID NOT RUN: it needs PostgreSQL, configurable-http-proxy, bubblewrap and Chromium "
           "(make test-hub installs them)")


class Hub:
    """The hub's REST API, and each user's server behind it, as a token holder sees them."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"

    def call(self, method, path, token, data=None, form=None, raw=False):
        body, headers = None, {"Authorization": f"token {token}"}
        if data is not None:
            body, headers["Content-Type"] = json.dumps(data).encode(), "application/json"
        if form is not None:
            body, headers["Content-Type"] = (urllib.parse.urlencode(form).encode(),
                                             "application/x-www-form-urlencoded")
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                text = r.read().decode()
                return r.status, (text if raw else json.loads(text or "null"))
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def up(self):
        try:
            return self.call("GET", "/hub/api/", "none")[0] == 200
        except OSError:
            return False


def settings(folder):
    """{name: on} of a Jupyter config folder's server extensions and Lab extensions."""
    server = json.loads((folder / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    lab = json.loads((folder / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    return {**server, **{name: not off for name, off in lab.items()}}


def test_hub_students_get_the_bundles_lab_with_the_exchange_pages():
    bundle = settings(ROOT / "tools" / "student-jupyter-config")
    for who in ("student", "instructor"):
        hub = settings(ROOT / "deploy" / "jupyterhub" / who)
        differ = {name for name in bundle.keys() | hub.keys() if bundle.get(name) != hub.get(name)}
        assert differ - EXCHANGE_PAGES - (COURSE_LIST if who == "instructor" else set()) == set(), (who, differ)
        assert all(hub[name] for name in EXCHANGE_PAGES - {"@jupyter/nbgrader:formgrader"}), (who, hub)
        assert not hub["nbgrader.server_extensions.formgrader"] and not hub["@jupyter/nbgrader:formgrader"], who
        assert all(hub[name] == (who == "instructor") for name in COURSE_LIST), (who, hub)


@needs_services
def in_chromium(hub, password):
    """alice logs in and opens nbgrader's Assignments tab; the instructor opens the Formgrader service."""
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            for user, landing in (("alice", "/user/alice/lab"), ("instructor", f"/services/{COURSE}/formgrader")):
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                page.goto(f"{hub.base}/hub/login?next={urllib.parse.quote(landing)}")
                page.fill("#username_input", user)
                page.fill("#password_input", password)
                page.click("#login_submit")
                page.wait_for_url(f"**{landing}**", timeout=60_000)
                if user == "alice":
                    page.locator("#jp-MainMenu").get_by_text("Nbgrader", exact=True).click()
                    menu = page.locator("#jp-mainmenu-nbgrader")
                    menu.wait_for()
                    page.screenshot(path=SHOTS / "hub-student-menu.png")
                    # A student's menu holds the assignment list only: no Formgrader, no course list.
                    assert [t.strip() for t in menu.locator(".lm-Menu-itemLabel").all_inner_texts()
                            if t.strip()] == ["Assignment List"], menu.inner_text()
                    page.get_by_text("Assignment List", exact=True).click()
                    page.locator("#submitted_assignments_list").get_by_text(AID).first.wait_for(timeout=60_000)
                    page.locator("#fetched_assignments_list").get_by_text(AID).first.wait_for(timeout=60_000)
                    page.screenshot(path=SHOTS / "hub-student-assignments.png")
                else:
                    page.get_by_text(AID).first.wait_for(timeout=60_000)
                    page.screenshot(path=SHOTS / "hub-formgrader.png")
        finally:
            browser.close()


def test_a_term_on_jupyterhub(monkeypatch):
    tmp = Path(tempfile.mkdtemp(prefix="nnfp-hub-"))
    tmp.chmod(0o755)
    procs = services.Processes(tmp)
    deploy = sorted(str(p) for p in (ROOT / "deploy").rglob("*"))
    try:
        runs = term(tmp, procs, monkeypatch)
    finally:
        procs.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    # The users' servers write their Lab state in their own homes, never into the repository.
    assert sorted(str(p) for p in (ROOT / "deploy").rglob("*")) == deploy, "the hub wrote into deploy/"
    left = [p for run in runs for p in Path("/sys/fs/cgroup/pids").glob(f"nnkit-grader-{run}-*")]
    assert not left, f"the grading left cgroups behind: {left}"


def term(tmp, procs, monkeypatch):
    db_url = services.postgres(procs, tmp / "postgres")
    monkeypatch.setenv("DB_URL", db_url)
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ['PATH']}")
    exchange = tmp / "exchange"
    exchange.mkdir(mode=0o777)
    exchange.chmod(0o777)

    # The course folder, its gradebook in PostgreSQL, and its roster.
    course = coursekit.make_course(tmp / "course", [AID])
    shutil.copy(ROOT / "plan.toml", course)
    students = {"alice": "right", "bob": "wrong", "carol": "blank"}
    with open(course / "students.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "first_name", "last_name", "email"])
        for sid in students:
            w.writerow([sid, sid.title(), "Student", f"{sid}@example.edu"])
    staff_env = dict(os.environ, JUPYTER_CONFIG_PATH=str(ROOT / "deploy" / "jupyterhub"),
                     NBGRADER_EXCHANGE=str(exchange), COURSE_ID=COURSE, PYTHONWARNINGS="ignore")

    runs = []                                          # the grading runs' ids: their coordinators' pids

    def instructor(*args):
        proc = subprocess.Popen(list(args), cwd=course, env=staff_env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        runs.append(proc.pid)
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{' '.join(args)} failed:\n{out}"
        return out

    instructor(str(BIN / "nbgrader"), "db", "student", "import", "students.csv")

    # Dask: a scheduler and two workers, one submission at a time each; their scratch space is the test's.
    address, workers = services.dask_cluster(procs, tmp / "dask")
    # The hub, with the course's Formgrader as a service.
    port, token, password = free_port(), secrets.token_hex(16), secrets.token_hex(8)
    hub_env = dict(os.environ, HUB_TEST="1", HUB_STATE=str(tmp / "hub"), COURSE_ROOT=str(course),
                   NBGRADER_EXCHANGE=str(exchange), HUB_ROSTER=str(course / "students.csv"), HUB_STAFF="instructor",
                   HUB_PORT=str(port), HUB_API_PORT=str(free_port()), HUB_PROXY_API_PORT=str(free_port()),
                   HUB_FORMGRADER_PORT=str(free_port()), HUB_TEST_TOKEN=token, HUB_TEST_PASSWORD=password)
    procs.start("jupyterhub", [str(BIN / "jupyterhub"), "-f", str(ROOT / "deploy" / "jupyterhub" /
                                                                  "jupyterhub_config.py")], env=hub_env, cwd=tmp)
    hub = Hub(port)
    wait_for(lambda: f"JupyterHub answering on port {port}\n{procs.log('jupyterhub')}", hub.up, 60)

    # The instructor releases a01 to nbgrader's exchange.
    instructor(str(BIN / "nbgrader"), "release_assignment", AID)

    tokens = {}
    for user in [*students, "instructor"]:
        status, reply = hub.call("POST", f"/hub/api/users/{user}/tokens", token, data={"note": "test-hub"})
        assert status == 201, (user, status, reply)
        tokens[user] = reply["token"]
    for user in students:
        status, reply = hub.call("POST", f"/hub/api/users/{user}/server", tokens[user])
        assert status in (201, 202), (user, status, reply)
    for user in students:
        wait_for(lambda: f"{user}'s server ready\n{procs.log('jupyterhub')}",
                 lambda: (hub.call("GET", f"/hub/api/users/{user}", token)[1].get("servers", {})
                          .get("", {}).get("ready")), 90)

    # A student's Lab: the assignment list on, the instructor's tools off.
    status, page = hub.call("GET", "/user/alice/lab", tokens["alice"], raw=True)
    assert status == 200, status
    config = json.loads(page.split('id="jupyter-config-data" type="application/json">')[1].split("</script>")[0])
    assert "@jupyter/nbgrader:assignment-list" not in config["disabledExtensions"], config["disabledExtensions"]
    assert "@jupyter/nbgrader:create-assignment" in config["disabledExtensions"], config["disabledExtensions"]

    # Each student fetches a01 through the hub, answers it (or not) and submits it.
    source = nbformat.read(course / "source" / AID / f"{AID}.ipynb", as_version=4)
    _, _, wrong_defs = coursekit.load_variant(WRONG)
    for user, how in students.items():
        api = f"/user/{user}"
        status, listed = hub.call("GET", f"{api}/assignments?course_id={COURSE}", tokens[user])
        assert status == 200 and listed["success"], (user, status, listed)
        assert [a["assignment_id"] for a in listed["value"] if a["status"] == "released"] == [AID], listed
        status, listed = hub.call("POST", f"{api}/assignments/fetch", tokens[user],
                                  form={"course_id": COURSE, "assignment_id": AID})
        assert status == 200, (user, status, listed)
        path = f"{api}/api/contents/{COURSE}/{AID}/{AID}.ipynb"
        status, fetched = hub.call("GET", path, tokens[user])
        assert status == 200, (user, status, fetched)
        nb = nbformat.from_dict(fetched["content"])
        if how != "blank":
            nb = coursekit.student_answer(source, nb)
        if how == "wrong":
            nb = coursekit.apply_variant(nb, wrong_defs)
        if how != "blank":
            status, saved = hub.call("PUT", path, tokens[user], data={"type": "notebook", "format": "json",
                                                                      "content": nb})
            assert status == 200, (user, status, saved)
        status, submitted = hub.call("POST", f"{api}/assignments/submit", tokens[user],
                                     form={"course_id": COURSE, "assignment_id": AID})
        assert status == 200 and submitted.get("success", True), (user, status, submitted)

    # The instructor collects, and grades on the Dask workers; one worker is killed mid-submission.
    out = instructor(str(BIN / "nbgrader"), "collect", AID)
    assert sorted(p.parent.name for p in (course / "submitted").glob(f"*/{AID}")) == sorted(students), out
    grading = subprocess.Popen([sys.executable, "-m", "grader", "autograde", "--root", str(course), "--dask",
                                address, AID], cwd=course, env=staff_env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    runs.append(grading.pid)

    def kernel_running(worker):
        try:
            return any(p.name() == "bwrap" for p in psutil.Process(worker.pid).children(recursive=True))
        except psutil.Error:
            return False

    victim = wait_for("a worker grading a submission in its sandbox",
                      lambda: next((w for w in workers if kernel_running(w)), None), 120)
    orphans = psutil.Process(victim.pid).children(recursive=True)
    victim.kill()
    victim.wait()
    out, _ = grading.communicate(timeout=300)
    assert grading.returncode == 0, out
    gone, alive = psutil.wait_procs(orphans, timeout=10)
    assert not alive, f"the killed worker's processes outlived it: {alive}"
    assert "this run 3 graded, 0 ungraded" in out and "gradebook integrity: ok" in out, out

    # Every cell's score, in the PostgreSQL gradebook.
    _, wrong_loses, _ = coursekit.load_variant(WRONG)
    expected = {"alice": [], "bob": wrong_loses, "carol": None}
    assert coursekit.compare(expected, coursekit.cell_scores(course, AID)) == []
    instructor(sys.executable, str(ROOT / "tools" / "grades.py"), "--root", str(course), "--out", "grades.csv")
    with open(course / "grades.csv", newline="") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    top = coursekit.written_points(AID)
    scores = {sid: (float(rows[sid][f"{AID} score"]), rows[sid][f"{AID} status"]) for sid in students}
    full = float(rows["alice"][f"{AID} max"])
    assert scores["alice"] == (full - top, "awaiting manual grading"), scores
    assert scores["bob"][0] < full - top and scores["carol"] == (0.0, "needs revision"), scores

    # Feedback through the exchange: each student fetches a page with their own score.
    hidden = {line.strip() for c in source.cells if "BEGIN HIDDEN TESTS" in c.source
              for line in c.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0].splitlines()
              if len(line.strip()) > 20}
    instructor(str(BIN / "nbgrader"), "generate_feedback", AID)
    instructor(str(BIN / "nbgrader"), "release_feedback", AID)
    for user in students:
        api = f"/user/{user}"
        status, _ = hub.call("POST", f"{api}/assignments/fetch_feedback", tokens[user],
                             form={"course_id": COURSE, "assignment_id": AID})
        assert status == 200, (user, status)
        status, folder = hub.call("GET", f"{api}/api/contents/{COURSE}/{AID}/feedback", tokens[user])
        assert status == 200 and len(folder["content"]) == 1, (user, status, folder)
        stamp = urllib.parse.quote(folder["content"][0]["name"])
        status, page = hub.call("GET", f"{api}/api/contents/{COURSE}/{AID}/feedback/{stamp}/{AID}.html",
                                tokens[user])
        assert status == 200, (user, status, page)
        html = page["content"]
        assert f"{AID} (Score: {scores[user][0]:.1f} / {full:.1f})" in html, (user, scores[user])
        leaked = [line for line in hidden if line in html]
        assert "BEGIN HIDDEN TESTS" not in html and not leaked, (user, leaked[:3])

    # What alice sees in her Lab on the hub, and what the instructor sees in the Formgrader, in Chromium.
    in_chromium(hub, password)

    # Next, carol submits again, with an answer that imports autograd: only she is graded, and flagged.
    path = f"/user/carol/api/contents/{COURSE}/{AID}/{AID}.ipynb"
    nb = coursekit.student_answer(source, nbformat.from_dict(hub.call("GET", path, tokens["carol"])[1]["content"]))
    first = next(c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"))
    first.source = "import autograd.numpy as anp\n" + first.source
    assert hub.call("PUT", path, tokens["carol"], data={"type": "notebook", "format": "json", "content": nb})[0] == 200
    status, submitted = hub.call("POST", "/user/carol/assignments/submit", tokens["carol"],
                                 form={"course_id": COURSE, "assignment_id": AID})
    assert status == 200 and submitted.get("success", True), submitted
    instructor(str(BIN / "nbgrader"), "collect", "--update", AID)
    out = instructor(sys.executable, "-m", "grader", "autograde", "--root", str(course), "--dask", address, AID)
    assert "this run 1 graded" in out and f"{AID} carol:" in out and "FLAGGED" in out, out

    # The Formgrader is the instructors' and TAs': it shows the flag, read from PostgreSQL; a student is refused.
    formgrader = f"/services/{COURSE}/formgrader"
    status, _ = hub.call("GET", formgrader, tokens["instructor"], raw=True)
    assert status == 200, (status, procs.log("jupyterhub"))
    status, notebooks = hub.call("GET", f"{formgrader}/api/submitted_notebooks/{AID}/{AID}", tokens["instructor"])
    assert status == 200, (status, notebooks)
    assert {n["student"]: n["flagged"] for n in notebooks} == {"alice": False, "bob": False, "carol": True}, notebooks
    status, _ = hub.call("GET", formgrader, tokens["alice"], raw=True)
    assert status == 403, status
    out = instructor(sys.executable, str(ROOT / "tools" / "report.py"), "--root", str(course))
    assert "submissions: 3 (3 graded, 0 ungraded, 1 flagged for review)" in out, out

    # A fixed test in source/ regrades the class, into the same gradebook, to the same scores.
    before = coursekit.cell_scores(course, AID)
    nb = nbformat.read(course / "source" / AID / f"{AID}.ipynb", as_version=4)
    nb.cells[0].source += "\n"
    nbformat.write(nb, course / "source" / AID / f"{AID}.ipynb")
    out = instructor(sys.executable, "-m", "grader", "autograde", "--root", str(course), "--dask", address, AID)
    assert "changed since it was last graded" in out and "this run 3 graded" in out, out
    assert "gradebook integrity: ok" in out, out
    assert coursekit.cell_scores(course, AID) == before
    return runs

"""What students see in JupyterLab, driven in Debian's Chromium by Playwright.

Each test saves a screenshot in build/screenshots/ (a CI artifact: look at them).
Without Chromium (`apt-get install chromium`; `.ci/run` installs it as root)
these tests are skipped, and say so. Playwright never downloads a browser here.
"""

import contextlib
import csv
import importlib.util
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import nbformat
import pytest

from quality import coursekit
from grader.feedback import HIDDEN

ROOT = coursekit.ROOT
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="BROWSER TESTS DID NOT RUN: no Chromium on this machine (apt-get install chromium)")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The student bundle of week 3, unzipped, served by its own lab.py command and configuration.

    Only the packages come from the repo's .venv (a bundle's own .venv takes minutes to install).
    """
    tmp = tmp_path_factory.mktemp("bundle")
    subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "tools/student_bundle.py", str(tmp / "b.zip"),
                    "--until", "a03-mlp"], cwd=ROOT, check=True, capture_output=True)
    with zipfile.ZipFile(tmp / "b.zip") as z:
        z.extractall(tmp)
    folder = tmp / "nn-first-principles"
    spec = importlib.util.spec_from_file_location("bundle_lab", folder / "lab.py")
    lab = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lab)
    port = _free_port()
    argv, env = lab.lab_command(ROOT / ".venv" / "bin", SERVER_ARGS + [f"--port={port}"])
    with _serving(argv, env, folder, tmp / "lab.log", port) as url:
        yield folder, url, tmp / "lab.log"


SERVER_ARGS = ["--no-browser", "--ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password="]


@contextlib.contextmanager
def _serving(argv, env, cwd, log_path, port):
    """Run a Jupyter server until the block ends; yield its URL once it answers."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(argv, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/api/status", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        try:
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


def _shot(page, name):
    """Save a screenshot of what the user sees; a page that stays one flat colour for 5 s fails (once, under load,
    the Formgrader's page was captured blank while its DOM was complete)."""
    from PIL import Image

    def blank(png):
        return all(low == high for low, high in Image.open(io.BytesIO(png)).convert("RGB").getextrema())

    SHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(10):
        png = page.screenshot()
        if not blank(png):
            break
        page.wait_for_timeout(500)
    (SHOTS / f"{name}.png").write_bytes(png)
    assert not blank(png), f"the screenshot {name}.png shows a blank page"


IDLE = ("[...document.querySelectorAll('.jp-Notebook-ExecutionIndicator')]"
        ".some(e => e.dataset.status === 'idle' && e.offsetParent !== null)")


def _open(page, url, path):
    """Open a notebook in a fresh workspace and wait until its kernel is idle."""
    page.goto(f"{url}/lab/tree/{path}?reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    for _ in range(240):
        select = page.locator(".jp-Dialog button", has_text="Select")
        if select.count():                              # a slow start asks which kernel to use
            select.first.click()
        if "| Idle" in page.inner_text("#jp-main-statusbar"):
            break
        page.wait_for_timeout(500)
    page.wait_for_function(IDLE, timeout=60_000)


def test_student_lab_has_no_instructor_menus_and_no_errors(bundle, page):
    folder, url, log = bundle
    _open(page, url, "course/index.ipynb")
    _shot(page, "student-landing-page")
    menus = [e.inner_text() for e in page.query_selector_all(".lm-MenuBar-itemLabel")]
    assert "Nbgrader" not in menus, f"the student's menu bar has the instructor's Nbgrader menu: {menus}"
    assert page.locator(".jp-Notebook h2", has_text="Assignments").count() == 1, "the landing page has no Assignments"
    links = page.locator(".jp-Notebook a").all_inner_texts()
    assert "Assignment 3: A two-layer network for handwritten digits" in links, links
    assert not [t for t in links if t.startswith("Assignment 4")], f"week 3's page lists a later assignment: {links}"
    body = page.inner_text("body")
    for bad in ("Error fetching courses", "exchange", "Formgrader", "Create Assignment"):
        assert bad not in body, f"the student's Lab shows {bad!r}"
    text = Path(log).read_text()
    assert "No nbgrader_config.py file found" not in text and "formgrader" not in text, text[-2000:]
    page.keyboard.press("Control+s")
    page.wait_for_timeout(500)
    saved = nbformat.read(folder / "course" / "index.ipynb", as_version=4)
    assert saved.metadata.get("language_info", {}).get("pygments_lexer") == "ipython3"
    # An assignment opened from the landing page: the file browser shows its folder (where the file to
    # submit is), not course/ (it stayed there).
    page.locator(".jp-Notebook a", has_text="Assignment 3: A two-layer network").first.click()
    try:
        page.wait_for_function("() => (document.querySelector('.jp-FileBrowser-crumbs') || {}).innerText"
                               "?.includes('a03-mlp')", timeout=30_000)
    except Exception as exc:                             # playwright's TimeoutError
        if "Timeout" not in type(exc).__name__:
            raise
        raise AssertionError("the file browser stays at " + page.inner_text(".jp-FileBrowser-crumbs") +
                             " when the landing page opens an assignment") from None
    _shot(page, "student-assignment-from-landing-page")


def test_opening_a_release_leaves_it_unchanged(bundle, page):
    folder, url, _ = bundle
    release = folder / "assignments" / "a02-backprop" / "a02-backprop.ipynb"
    before = release.read_bytes()
    _open(page, url, "assignments/a02-backprop/a02-backprop.ipynb")
    page.wait_for_timeout(1500)
    assert page.locator(".jp-mod-current.jp-mod-dirty").count() == 0, \
        "opening the committed release marks it modified: commit it in the form Lab saves (tools/lab_form.py)"
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1000)
    _shot(page, "student-release-opened")
    assert release.read_bytes() == before, "saving the untouched release in Lab changed the file"


def _answered(folder, aid, wrong):
    """The release of aid with the solution's answers, and one answer replaced by `wrong` (grade_id -> source)."""
    release = folder / "assignments" / aid / f"{aid}.ipynb"
    solution = nbformat.read(ROOT / "solutions" / aid / f"{aid}.ipynb", as_version=4)
    answers = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in solution.cells}
    nb = nbformat.read(release, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            cell.source = wrong.get(meta["grade_id"], answers[meta["grade_id"]])
    nbformat.write(nb, release)
    return f"assignments/{aid}/{aid}.ipynb"


def test_validate_names_the_failed_cell_and_shows_its_message(bundle, page):
    folder, url, _ = bundle
    path = _answered(folder, "a01-neurons", {"neuron_forward": (
        "def neuron_forward(x, w, b, activation='sigmoid'):\n"
        "    z = np.dot(x, w) + b\n"
        "    return np.heaviside(z, 0.0) if activation == 'step' else 1 / (1 + np.exp(-z))\n")})
    _open(page, url, path)
    page.get_by_text("Validate", exact=True).first.click()
    dialog = page.wait_for_selector(".jp-Dialog-content", timeout=120_000)
    page.wait_for_function("!document.querySelector('.jp-Dialog-content').innerText.includes('Validating')",
                           timeout=120_000)
    _shot(page, "student-validate-one-wrong-answer")
    text = dialog.inner_text()
    assert "test cell test_neuron_forward" in text, text[:2000]
    assert "Where to look" in text and "expected" in text, text[:2000]
    assert "def " not in text and "grading.check_close(" not in text, f"the dialog shows test code:\n{text[:2000]}"


def test_a_lecture_runs_all_cells_and_draws_its_figures(bundle, page):
    _, url, _ = bundle
    _open(page, url, "course/01-first-principles/03-activations-and-outputs.ipynb")
    page.locator(".lm-MenuBar-itemLabel", has_text="Edit").first.click()
    page.get_by_text("Clear Outputs of All Cells", exact=True).first.click()
    assert page.locator(".jp-OutputArea-output img").count() == 0
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_text("Run All Cells", exact=True).first.click()
    page.wait_for_timeout(1000)
    page.wait_for_function(IDLE, timeout=120_000)
    page.wait_for_function("![...document.querySelectorAll('.jp-InputArea-prompt')]"
                           ".some(e => e.innerText.includes('[*]'))", timeout=120_000)
    # Lab renders only the cells near the viewport: scroll through the notebook and look at each.
    scroller = page.locator(".jp-WindowedPanel-outer").first
    tracebacks, figures = [], set()
    for _ in range(200):
        for e in page.query_selector_all(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"):
            if "Traceback" in e.inner_text() or "Error" in e.inner_text():
                tracebacks.append(e.inner_text()[:300])
        figures |= {img.get_attribute("src")[-64:] for img in page.query_selector_all(".jp-OutputArea-output img")}
        if page.evaluate("e => e.scrollTop + e.clientHeight >= e.scrollHeight - 2", scroller.element_handle()):
            break
        scroller.evaluate("e => e.scrollBy(0, e.clientHeight * 0.8)")
        page.wait_for_timeout(150)
    assert not tracebacks, tracebacks
    assert len(figures) >= 2, f"{len(figures)} figures rendered"
    scroller.evaluate("e => e.scrollTo(0, 0)")
    page.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
    _shot(page, "lecture-run-all")


RUN_ALLS = 2
# An image that has loaded and is not blank: more than 2 % of its pixels differ from its corner's colour.
DRAWN = """img => {
    if (!img.complete || img.naturalWidth === 0) return false;
    const c = document.createElement("canvas");
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < d.length; i += 4)
        if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 30) inked++;
    return inked > 0.02 * d.length / 4;
}"""
# (lecture, the control of its widget to change: ("dropdown", i, option) or ("slider", i, steps right), the
# screenshots' prefix, how many times Run All is tried). Every widget is drawn by one helper
# (plots.interactive_figure): lecture 3.3's, the first, runs all RUN_ALLS times, the others once.
WIDGETS = [("course/03-training-and-optimizers/03-momentum-and-adaptive-methods.ipynb", ("dropdown", 1, "adam"),
            "lecture-widget", RUN_ALLS),
           ("course/04-regularization/05-initialization.ipynb", ("dropdown", 0, "relu"), "lecture-4.5-widget", 1),
           ("course/05-architectures/01-convolution.ipynb", ("slider", 0, 3), "lecture-5.1-widget", 1),
           ("course/05-architectures/02-recurrence.ipynb", ("slider", 0, 3), "lecture-5.2-widget", 1),
           ("course/05-architectures/03-attention.ipynb", ("slider", 0, 2), "lecture-5.3-widget", 1),
           ("course/05-architectures/04-reusing-what-was-learned.ipynb", ("slider", 1, 20), "lecture-5.4-widget", 1),
           ("course/05-architectures/05-engine-to-framework.ipynb", ("slider", 0, 3), "lecture-5.5-widget", 1)]
WIDGET_IDS = [f"{int(Path(lecture).parent.name[:2])}.{int(Path(lecture).name[:2])}" for lecture, *_ in WIDGETS]  # "5.2"


def _widget_cell(page, scroller):
    """The code cell that draws the lecture's interactive figure, scrolled into Lab's windowed notebook."""
    scroller.evaluate("e => e.scrollTo(0, 0)")
    cell = page.locator(".jp-CodeCell", has_text="interactive_figure(").last
    for _ in range(40):
        if cell.count():
            break
        scroller.evaluate("e => e.scrollBy(0, e.clientHeight * 0.8)")
        page.wait_for_timeout(200)
    cell.scroll_into_view_if_needed()
    return cell


def _change(cell, control):
    kind, index, value = control
    if kind == "dropdown":
        cell.locator(".widget-dropdown select").nth(index).select_option(value)
    else:
        handle = cell.locator(".widget-slider .noUi-handle").nth(index)
        handle.focus()
        for _ in range(value):
            handle.press("ArrowRight")


@pytest.mark.parametrize("lecture, control, shot, runs", WIDGETS, ids=WIDGET_IDS)
def test_the_interactive_figure_shows_a_still_then_answers_its_controls(page, tmp_path, lecture, control, shot, runs):
    """A lecture's widget: a still image before the kernel runs, live controls after Run All."""
    shutil.copy(ROOT / lecture, tmp_path / "widget.ipynb")       # Lab saves what it runs: not in the repo
    port = _free_port()
    argv = [str(ROOT / ".venv" / "bin" / "jupyter"), "lab", f"--ServerApp.root_dir={tmp_path}", *SERVER_ARGS,
            f"--port={port}"] + (["--allow-root"] if os.getuid() == 0 else [])
    selector = ".widget-dropdown select" if control[0] == "dropdown" else ".widget-slider .noUi-handle"
    with _serving(argv, dict(os.environ), tmp_path, tmp_path / "lab.log", port) as url:
        page.goto(f"{url}/lab/tree/widget.ipynb?reset")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        scroller = page.locator(".jp-WindowedPanel-outer").first
        cell = _widget_cell(page, scroller)
        shown = cell.locator(f".jp-OutputArea-output img, {selector}").count()
        SHOTS.mkdir(parents=True, exist_ok=True)
        cell.screenshot(path=str(SHOTS / f"{shot}-before-run.png"))
        assert shown, "the interactive figure's cell shows neither its still image nor the widget before the kernel runs"
        _open(page, url, "widget.ipynb")
        for attempt in range(runs):                 # before interactive_figure, the first figure after Run All came out blank in 2 of 5
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.get_by_text("Run All Cells", exact=True).first.click()
            page.wait_for_timeout(1000)
            page.wait_for_function(IDLE, timeout=120_000)
            cell = _widget_cell(page, scroller)
            cell.locator(selector).nth(control[1]).wait_for(timeout=30_000)
            figure = cell.locator(".jupyter-widgets img")
            figure.first.wait_for(timeout=30_000)
            cell.scroll_into_view_if_needed()
            try:
                page.wait_for_function(DRAWN, arg=figure.first.element_handle(), timeout=30_000)
            except Exception as exc:                      # playwright's TimeoutError
                if "Timeout" not in type(exc).__name__:
                    raise
                raise AssertionError(f"Run All {attempt + 1}: the figure under the controls is blank") from None
            finally:
                cell.screenshot(path=str(SHOTS / f"{shot}-run-all-{attempt + 1}.png"))
            assert figure.count() == 1, f"Run All {attempt + 1}: {figure.count()} figures under the controls"
        first = figure.first.get_attribute("src")
        _change(cell, control)
        page.wait_for_timeout(500)
        page.wait_for_function(IDLE, timeout=60_000)
        figure.first.wait_for(timeout=30_000)
        figure.first.scroll_into_view_if_needed()
        cell.locator(".jp-Cell-outputWrapper").screenshot(path=str(SHOTS / f"{shot}-{control[2]}.png"))
        assert figure.count() == 1, f"changing {control} should redraw one figure"
        assert figure.first.get_attribute("src") != first, f"the figure did not change with {control}"
        assert "Traceback" not in cell.inner_text()


# ---- TAs: the Formgrader and the feedback pages, on a graded course -----------------------

FLAGGED = ("a02-backprop", "bug-dense-numerical-gradients")     # flagged: its answer uses nnkit.grading


@pytest.fixture(scope="module")
def formgrader(course, graded, tmp_path_factory):
    """The graded test course with a roster imported (make roster), served by the repo's JupyterLab."""
    roster = tmp_path_factory.mktemp("roster") / "students.csv"
    students = sorted({s for cases in graded.values() for s in cases})
    with open(roster, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "first_name", "last_name", "email"])
        w.writerows([sid, f"Given{i}", f"Family{i}", f"{sid}@example.edu"] for i, sid in enumerate(students))
    coursekit.nbgrader(course, "db", "student", "import", str(roster))
    port = _free_port()
    argv = [str(ROOT / ".venv" / "bin" / "jupyter"), "lab", *SERVER_ARGS, f"--port={port}",
            f"--ServerApp.root_dir={course}"] + (["--allow-root"] if os.geteuid() == 0 else [])
    log = tmp_path_factory.mktemp("formgrader") / "lab.log"
    with _serving(argv, None, course, log, port) as url:
        yield course, url, log, {sid: f"Family{i}" for i, sid in enumerate(students)}


def _loaded(page):
    """Wait until a Formgrader table has replaced its "Loading, please wait..." row."""
    page.wait_for_function("(t => t && t.rows.length && !t.innerText.includes('Loading'))"
                           "(document.querySelector('#main-table'))", timeout=30_000)


def test_formgrader_names_students_shows_flags_and_renders_math(formgrader, page):
    course, url, log, family = formgrader
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/formgrader")
    _loaded(page)
    _shot(page, "ta-formgrader-assignments")
    assert page.locator("#warning-exchange").count() == 0, "the Formgrader warns about a missing exchange"
    statuses = page.locator("#main-table .label").all_inner_texts()
    assert statuses and set(statuses) == {"released"}, statuses

    page.goto(f"{url}/formgrader/manage_students")
    _loaded(page)
    _shot(page, "ta-formgrader-students")
    names = page.locator("#main-table tr td:first-child").all_inner_texts()
    assert names and not [n for n in names if "None" in n], names[:5]
    assert any(n.startswith("Family") for n in names), names[:5]

    aid, student = FLAGGED
    page.goto(f"{url}/formgrader/gradebook/{aid}/{aid}")
    _loaded(page)
    page.get_by_text("Show All Names").click()
    _shot(page, "ta-formgrader-submissions-flagged")
    flagged_rows = page.locator("#main-table tr", has=page.locator(".glyphicon-flag"))
    assert flagged_rows.count() >= 1, "no flag in the Formgrader's Flagged? column"
    assert any(family[student] in t for t in flagged_rows.all_inner_texts()), flagged_rows.all_inner_texts()

    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb_id = gb.find_submission_notebook(aid, aid, student).id
    page.goto(f"{url}/formgrader/submissions/{nb_id}/")
    page.wait_for_selector(".MathJax, .MathJax_Display", timeout=60_000)
    _shot(page, "ta-formgrader-submission-view")
    assert "The grader's note" in page.content() and "nnkit.grading" in page.content()
    assert "For the TA: the model answer and the rubric" in page.inner_text("body"), "no rubric under the written answer"
    # The header's table has its columns apart, errors wrap, the grader's note reads as text (course.css).
    style = page.evaluate("""() => {
        const td = document.querySelector('.rendered_html td');
        const pre = document.querySelector('.output_error pre, div.output_subarea pre');
        const note = [...document.querySelectorAll('textarea.comment')].find(t => t.placeholder.includes("grader's note"));
        return {pad: getComputedStyle(td).paddingLeft, border: getComputedStyle(td).borderLeftStyle,
                wrap: pre && getComputedStyle(pre).whiteSpace, note: note && getComputedStyle(note, '::placeholder').color};
    }""")
    assert style["pad"] != "0px" and style["border"] == "solid", style
    assert style["wrap"] == "pre-wrap", style
    assert style["note"] and sum(map(int, re.findall(r"\d+", style["note"])[:3])) < 400, style   # dark, not grey
    assert not [e for e in errors if "MathJax" in e], errors
    assert "exchange" not in log.read_text().lower(), log.read_text()[-2000:]


def test_feedback_page_reads_offline_with_named_cells_and_no_hidden_tests(formgrader, page):
    course = formgrader[0]
    aid, student = FLAGGED
    coursekit.nbgrader(course, "generate_feedback", aid, "--force", f"--student={student}")
    html = course / "feedback" / student / aid / f"{aid}.html"
    requests = []
    page.route("**/*", lambda route: (requests.append(route.request.url), route.abort()
                                      if not route.request.url.startswith("file:") else route.continue_()))
    page.goto(html.as_uri())
    page.wait_for_timeout(500)
    _shot(page, "student-feedback-page")
    assert not [r for r in requests if not r.startswith("file:")], f"the feedback page fetches {requests}"
    toc = page.inner_text("#toc")
    assert "Test cell" not in toc and "hidden_dense_core (hidden tests)" in toc and "test_dense (visible tests)" in toc
    text = page.inner_text("body")
    assert "\\partial" not in text and "$" not in text.split("How to work")[0], "raw LaTeX on the page"
    widths = page.evaluate("[...document.querySelectorAll('math')].map(m => m.getBoundingClientRect().width)")
    assert len(widths) > 20 and min(widths) > 0, widths[:10]
    source = nbformat.read(course / "source" / aid / f"{aid}.ipynb", as_version=4)
    hidden = [l.strip() for c in source.cells if "BEGIN HIDDEN TESTS" in c.source
              for l in c.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0].splitlines()
              if len(l.strip()) > 20]
    visible = HIDDEN.sub("", "\n".join(c.source for c in source.cells))
    hidden = [l for l in hidden if l not in visible]          # lines a visible test shares are no secret
    assert hidden and not [l for l in hidden if l in text], "the feedback page shows hidden test code"
    assert "The grader's note" in text
    overflow = page.evaluate("[...document.querySelectorAll('.output_area pre')]"
                             ".filter(e => e.scrollWidth > e.clientWidth + 1).length")
    assert overflow == 0, f"{overflow} error outputs run past their box"


# ---- A term, end to end: a student and a TA, each with Lab open throughout ---------------------

def _lms_zip(path, sid, nb, when):
    """An LMS download holding one student's notebook, uploaded at `when` (year, month, day, hour, minute)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo(f"{sid}_{nb.name}", date_time=(*when, 0)), nb.read_bytes())
    return path


def _run(*argv, cwd):
    done = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(map(str, argv))}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    return done.stdout


def test_a_term_in_the_real_ui(browser, tmp_path):
    """Week 1's bundle; a student answers a01 partly and validates; submits (an LMS zip); the TA collects,
    grades and returns feedback; the student reads it, fixes a01, takes week 2's bundle without losing it,
    resubmits; a second zip is collected and regraded, and the grades show the new standing. The student's
    Lab and the TA's Lab and Formgrader are open in Chromium throughout, so Jupyter's checkpoints exist."""
    python, aid, sid = ROOT / ".venv" / "bin" / "python", "a01-neurons", "alice"
    shots = []

    def shot(page, name):
        _shot(page, f"term-{len(shots) + 1}-{name}")
        shots.append(name)

    # The TA's course (two assignments released), with the class list, and the two weeks' bundles.
    ta = coursekit.make_course(tmp_path / "ta", [aid, "a02-backprop"])
    (tmp_path / "roster.csv").write_text("id,first_name,last_name,email\nalice,Alice,Liddell,alice@example.edu\n")
    coursekit.nbgrader(ta, "db", "student", "import", str(tmp_path / "roster.csv"))
    for week, until in ((1, aid), (2, "a02-backprop")):
        _run(python, "tools/student_bundle.py", tmp_path / f"week{week}.zip", "--until", until, cwd=ROOT)
    with zipfile.ZipFile(tmp_path / "week1.zip") as z:
        z.extractall(tmp_path / "student")
    folder = tmp_path / "student" / "nn-first-principles"
    mine = folder / "assignments" / aid / f"{aid}.ipynb"
    spec = importlib.util.spec_from_file_location("term_lab", folder / "lab.py")
    lab = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lab)
    student_port, ta_port = _free_port(), _free_port()
    argv, env = lab.lab_command(ROOT / ".venv" / "bin", SERVER_ARGS + [f"--port={student_port}"])
    ta_argv = [str(ROOT / ".venv" / "bin" / "jupyter"), "lab", *SERVER_ARGS, f"--port={ta_port}",
               f"--ServerApp.root_dir={ta}"] + (["--allow-root"] if os.geteuid() == 0 else [])
    with _serving(argv, env, folder, tmp_path / "student-lab.log", student_port) as url, \
            _serving(ta_argv, None, ta, tmp_path / "ta-lab.log", ta_port) as ta_url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        student, formgrader = context.new_page(), context.new_page()

        # Week 1: the student answers a01 partly (perceptron_step is wrong) and validates in Lab.
        source = nbformat.read(ROOT / "source" / aid / f"{aid}.ipynb", as_version=4)
        answered = coursekit.student_answer(source, nbformat.read(mine, as_version=4))
        partly = nbformat.from_dict(answered)
        for cell in partly.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "perceptron_step":
                cell.source = cell.source.replace("w + lr", "w - lr").replace("w += lr", "w -= lr")
        assert partly != answered, "the planted slip did not change perceptron_step"
        nbformat.write(partly, mine)
        _open(student, url, "course/index.ipynb")
        _open(student, url, f"assignments/{aid}/{aid}.ipynb")
        student.get_by_text("Validate", exact=True).first.click()
        dialog = student.wait_for_selector(".jp-Dialog-content", timeout=120_000)
        student.wait_for_function("!document.querySelector('.jp-Dialog-content').innerText.includes('Validating')",
                                  timeout=120_000)
        shot(student, "student-validates-a01")
        assert "test cell test_perceptron_step" in dialog.inner_text(), dialog.inner_text()[:2000]
        student.keyboard.press("Escape")

        # The TA has Lab and the Formgrader open; the student submits; the TA collects, grades, returns feedback.
        _open(formgrader, ta_url, f"source/{aid}/{aid}.ipynb")               # Lab writes its checkpoint
        assert (ta / "source" / aid / ".ipynb_checkpoints").is_dir()
        first = _lms_zip(tmp_path / "download-1.zip", sid, mine, (2026, 9, 7, 10, 0))
        _run(python, ROOT / "tools" / "collect.py", first, aid, cwd=ta)
        _run(python, "-m", "grader", "autograde", "--root", ta, aid, cwd=ROOT)
        coursekit.nbgrader(ta, "generate_feedback", aid, "--force")
        said = _run(python, "-m", "grader.lms", "feedback", aid, cwd=ta)
        assert "holds 1 feedback page(s)" in said, said
        formgrader.goto(f"{ta_url}/formgrader/gradebook/{aid}/{aid}")
        _loaded(formgrader)
        shot(formgrader, "ta-formgrader-after-first-grading")
        with zipfile.ZipFile(ta / "lms" / f"{aid}-feedback.zip") as z:
            z.extractall(tmp_path / "returned-1")
        student.goto((tmp_path / "returned-1" / f"{sid}_{aid}.html").as_uri())
        shot(student, "student-reads-feedback")
        verdict = student.inner_text("#verdict")
        assert "Needs revision" in verdict and "pass mark" in verdict, verdict
        assert "test_perceptron_step" in student.inner_text("#toc") or "perceptron_step" in student.inner_text("body")

        # Week 2: the student fixes a01 and takes week 2's bundle; their a01 stays, a02 arrives.
        nbformat.write(answered, mine)
        fixed = mine.read_bytes()
        said = _run(python, folder / "lab.py", "--update", tmp_path / "week2.zip", cwd=folder)
        assert mine.read_bytes() == fixed, f"week 2's bundle changed the student's a01:\n{said}"
        assert (folder / "assignments" / "a02-backprop" / "a02-backprop.ipynb").is_file(), said
        _open(student, url, "course/index.ipynb")
        shot(student, "student-week-2-landing-page")
        assert "Assignment 2" in student.inner_text(".jp-Notebook")

        # The resubmission: a second download, collected and regraded; the grades show the new standing.
        second = _lms_zip(tmp_path / "download-2.zip", sid, mine, (2026, 9, 14, 10, 0))
        said = _run(python, ROOT / "tools" / "collect.py", second, aid, cwd=ta)
        assert sid in said, said
        graded = _run(python, "-m", "grader", "autograde", "--root", ta, aid, cwd=ROOT)
        assert "Grading 1 submission(s)" in graded, graded
        _run(python, ROOT / "tools" / "grades.py", "--root", ta, "--out", ta / "grades.csv", cwd=ROOT)
        row = next(csv.DictReader((ta / "grades.csv").open()))
        assert row["student_id"] == sid and row[f"{aid} status"] == "awaiting manual grading", row
        formgrader.goto(f"{ta_url}/formgrader/gradebook/{aid}/{aid}")
        _loaded(formgrader)
        shot(formgrader, "ta-formgrader-after-regrading")

        # The TA reads the written answer beside its model answer and rubric, and gives it its points.
        from nbgrader.api import Gradebook
        with Gradebook(f"sqlite:///{ta / 'gradebook.db'}") as gb:
            nb_id = gb.find_submission_notebook(aid, aid, sid).id
        formgrader.goto(f"{ta_url}/formgrader/submissions/{nb_id}/")
        formgrader.wait_for_selector("#explain_xor", timeout=60_000)
        assert "For the TA: the model answer and the rubric" in formgrader.inner_text("body")
        formgrader.wait_for_load_state("networkidle")    # its scripts bind the score boxes after the page shows them
        formgrader.locator("#explain_xor").scroll_into_view_if_needed()
        formgrader.fill("#explain_xor", "2")
        formgrader.keyboard.press("Tab")
        for _ in range(300):
            with Gradebook(f"sqlite:///{ta / 'gradebook.db'}") as gb:
                saved = gb.find_grade("explain_xor", aid, aid, sid).manual_score
            if saved == 2:
                break
            time.sleep(0.1)
        assert saved == 2, "the Formgrader did not save the written answer's points"
        shot(formgrader, "ta-grades-the-written-answer")
        _run(python, ROOT / "tools" / "grades.py", "--root", ta, "--out", ta / "grades.csv", cwd=ROOT)
        row = next(csv.DictReader((ta / "grades.csv").open()))
        assert row[f"{aid} status"] == "pass" and row[f"{aid} score"] == row[f"{aid} max"], row
        context.close()
    assert len(shots) == 6


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The course website, built by tools/site.py (make site) into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "site"
    proc = subprocess.run([sys.executable, ROOT / "tools" / "site.py", "--out", out], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0 and "0 warning(s)" in proc.stdout, proc.stdout + proc.stderr
    return out


def _page_text(path):
    import html
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))


def test_the_site_reads_offline_and_holds_no_answer(site, page):
    """The site opens from disk with nothing from the network: navigation, a formula, a figure, a widget's
    still, a glossary link; and no solution, hidden test or model answer is anywhere in it."""
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / "index.html").as_uri())
    _shot(page, "site-home")
    page.locator("nav a", has_text="Ethics, measured").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("course/00-introduction/03-ethics-measured.html"), page.url
    stored = sum("image/png" in o.get("data", {}) for c in nbformat.read(
        ROOT / "course" / "00-introduction" / "03-ethics-measured.ipynb", as_version=4).cells for o in c.get("outputs", []))
    assert page.locator("article img").count() == stored == 3, "the ethics lecture's two figures and its widget's still"
    _shot(page, "site-lecture")
    page.goto((site / "course" / "01-first-principles" / "04-loss-functions.html").as_uri())
    assert page.locator("article math").count() > 20, "formulas are MathML"
    page.locator("article math").nth(5).scroll_into_view_if_needed()
    _shot(page, "site-formulas")
    page.goto((site / "docs" / "glossary.html").as_uri())
    page.locator("article a[href*='02-multilayer-networks']").first.click()
    page.wait_for_load_state()
    assert "Multilayer networks" in page.title(), page.title()
    assert not [u for u in requests if not u.startswith(("file:", "data:", "about:"))], \
        [u for u in requests if not u.startswith("file:")][:5]

    pages = {p: _page_text(p) for p in site.rglob("*.html")}
    text = "\n".join(pages.values())
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "Model answer", "For the TA"):
        assert marker not in text, f"the site shows {marker!r}"
    # A line of a solution or a hidden test may be on the site only where students read it anyway (the same
    # line in a lecture or in a visible test).
    released = "\n".join(c.source for nb in [*ROOT.glob("course/*/*.ipynb"), *ROOT.glob("assignments/*/*.ipynb")]
                         for c in nbformat.read(nb, as_version=4).cells)
    secret = set()
    for src in (ROOT / "source").glob("*/*.ipynb"):
        for cell in nbformat.read(src, as_version=4).cells:
            for part in re.findall(r"### BEGIN (?:SOLUTION|HIDDEN TESTS)\n(.*?)### END", cell.source, re.S):
                secret |= {line.strip() for line in part.splitlines()
                           if len(line.strip()) > 40 and line.strip() not in released}
    assert len(secret) > 500
    leaked = sorted(line for line in secret if line in text)
    assert not leaked, f"solution or hidden-test lines on the site: {leaked[:3]}"
    assert len(pages) > 40 and not list(site.rglob("solutions")) and not list(site.rglob("source"))

"""Feedback: what nbgrader_config.py plugs into `nbgrader generate_feedback`.

A feedback page is one HTML file a student opens anywhere, offline too: its
formulas are MathML, written here from the notebook's LaTeX (browsers draw
MathML themselves, so nothing is loaded from a CDN), its score summary names
every graded cell, and hidden tests are not in it.
"""

import re
from pathlib import Path

from jinja2 import FileSystemLoader
from latex2mathml.converter import convert
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, default

from .assignment import BEGIN_HIDDEN

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.DOTALL)
PLACEHOLDER = "# (They ran when your notebook was graded: the verdict is below.)"
TEMPLATES = Path(__file__).parent / "templates" / "feedback"
# Code (fenced or inline) is kept as it is; $$...$$ and $...$ are math.
MARKDOWN_MATH = re.compile(r"(?P<code>```.*?```|`[^`\n]*`)|\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$",
                           re.DOTALL)


class FeedbackExporter(HTMLExporter):
    """nbgrader's feedback template, through grader/templates/feedback/: named cells, no MathJax."""

    @default("extra_loaders")
    def _default_loaders(self):
        from nbgrader.server_extensions.formgrader.handlers import template_path  # nbgrader's own templates

        return [FileSystemLoader([str(TEMPLATES), template_path])]


def tex_to_mathml(tex, display=False):
    """The MathML of one LaTeX formula (a block if display), or None where the converter cannot read it.
    The feedback pages and the course site (site/mathml.py) write their formulas with it."""
    try:
        return convert(tex.strip(), display="block" if display else "inline")
    except Exception:
        return None


def latex_to_mathml(markdown):
    """Markdown with every $...$ and $$...$$ replaced by MathML; code spans and blocks untouched."""
    def replace(m):
        if m.group("code"):
            return m.group(0)
        display = m.group("display") is not None
        markup = tex_to_mathml(m.group("display") if display else m.group("inline"), display)
        return markup or m.group(0)      # a formula the converter cannot read stays as it was written
    return MARKDOWN_MATH.sub(replace, markdown)


class LatexToMathML(Preprocessor):
    """Write the math of markdown cells as MathML, so the page needs no script to show it."""

    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = latex_to_mathml(cell.source)
        return cell, resources


class Verdict(Preprocessor):
    """The verdict under the syllabus's rule (plan.toml [grading]), with what to do next, for the page's head.

    Runs after nbgrader's GetGrades, which puts the notebook's score in resources["nbgrader"]. Written
    answers a TA has not graded yet make it "awaiting manual grading", never a fail, while they could
    still lift the notebook to the pass mark.
    """

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        from .plan import load

        rule = load().grading
        info = resources.get("nbgrader", {})
        score, top = float(info.get("score") or 0), float(info.get("max_score") or 0)
        resources["pending_cells"] = pending_cells(info)
        pending = sum(resources["pending_cells"].values())
        mark = rule.pass_fraction * top
        status = rule.status(score, top, pending)
        percent = f"{100 * rule.pass_fraction:g} %"
        so_far = f"{score:g} of {top:g} points so far" if pending else f"{score:g} of {top:g} points"
        texts = {
            "pass": "",
            "awaiting manual grading": f" A TA has still to grade your written answer ({pending:g} points): the "
                                       f"verdict comes when they have.",
            "needs revision": " The cells marked in red below lost points: each says what it expected and where to "
                              "look. Fix those functions, run the visible tests and Validate, then submit the "
                              "notebook again.",
        }
        resources["verdict"] = {
            "status": status.replace(" ", "-"),
            "title": status[0].upper() + status[1:] if status != "pass" else "Passed",
            "text": f"{so_far}; the pass mark is {mark:g} ({percent} of the points)." + texts[status],
        }
        return nb, resources


def pending_cells(info):
    """{grade_id: points} of the notebook's written answers not graded yet, from the gradebook GetGrades read."""
    if not {"db_url", "notebook", "assignment", "student"} <= set(info):
        return {}
    from . import gradebook

    with gradebook.opened(info["db_url"]) as gb:
        nb = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
        return {g.name: g.max_score for g in nb.grades if g.needs_manual_grade}


class HideHiddenTests(Preprocessor):
    """In feedback, drop hidden tests from cell sources and from tracebacks.

    A failed hidden test keeps its error type and message, which the course's
    checks write to say what was wrong and where to look; the traceback, which
    would quote the test's code, is replaced by that one line.
    """

    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and BEGIN_HIDDEN in cell.source:
            cell.source = HIDDEN.sub(PLACEHOLDER, cell.source)
            cell.metadata["hidden_tests"] = True
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        return cell, resources

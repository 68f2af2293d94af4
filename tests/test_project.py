"""The project track's templates (project/): the syllabus's milestones as plan.toml holds them, the
forms students start from, and a report website that builds with the course's own tool."""

import re
import subprocess
import sys

from grader import plan
from quality.coursekit import ROOT

PROJECT = ROOT / "project"


def test_the_project_readme_lists_plan_tomls_milestones_in_order():
    rows = re.findall(r"^\| (\d+) \| (.+?) \| (\d+|finals week) \|", (PROJECT / "README.md").read_text(), re.M)
    milestones = plan.load().project.milestones
    assert [(int(n), title, week) for n, title, week in rows] == [
        (i, m["title"], "finals week" if m["week"] == 16 else str(m["week"])) for i, m in enumerate(milestones, 1)]


def test_every_template_the_readme_links_exists():
    links = re.findall(r"\]\(([^)#]+)\)", (PROJECT / "README.md").read_text())
    assert links and all((PROJECT / link).exists() for link in links), links
    for form in ("proposal.md", "self-assessment.md", "peer-evaluation.md"):
        assert (PROJECT / form).read_text().startswith("# ")


def test_the_report_template_builds_as_a_website(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", PROJECT / "report", tmp_path / "site"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "WARNING" not in proc.stderr, proc.stderr
    pages = {p.stem for p in (tmp_path / "site").glob("*.html")}
    assert {"index", "introduction", "related-work", "methods", "results", "discussion", "ethics"} <= pages

"""nbgrader configuration for "Neural Networks from First Principles"."""

import os

from grader import exchange, gradebook
from nnkit.validation import CELL_TIMEOUT, apply_grading_policy, local_kernel, name_failed_test

c = get_config()  # noqa: F821

# Course and directory names (relative to the course root, the repo's top).
c.CourseDirectory.course_id = "nn-first-principles"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "assignments"
c.CourseDirectory.solution_directory = "solutions"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
# The gradebook: gradebook.db here, or the shared database DB_URL names (postgresql://...; grader/gradebook.py).
c.CourseDirectory.db_url = gradebook.url(os.path.dirname(__file__))

# What students see in place of a solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Grading policy.
# A test cell a student deleted is put back from the gradebook and run.
c.OverwriteCells.add_missing_cells = True
# Grading: student code runs in a bubblewrap sandbox; every test cell is decided by the
# judge in nbgrader's own process (grader/judge.py), in place of nbgrader's Execute.
# `nbgrader autograde`, the Formgrader's button and `make autograde` all go this way.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "grader.sanitize.DeduplicateIds",           # a copy-pasted answer cell is graded, not an error
    "nbgrader.preprocessors.OverwriteKernelspec",
    "grader.sanitize.OverwriteCells",           # warns only when a student changed a test cell
    "grader.sanitize.CheckCellMetadata",        # the same checks, the schema's validator made once
]
c.Autograde.autograde_preprocessors = [
    "grader.judge.SandboxedJudge",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "grader.sanitize.CheckCellMetadata",
]
c.SandboxedJudge.sandbox = "bwrap"      # "none" grades unconfined, on purpose only
# The grading limits (seconds per cell and per submission, the kernel's memory, output, ...) are declared,
# with their defaults, in grader/judge.py: set c.SandboxedJudge.<name> here to change one for the course.
# generate_solution runs the solutions with nbgrader's Execute, a cell as long as when graded.
c.Execute.timeout = CELL_TIMEOUT
c.Execute.interrupt_on_timeout = True
# No per-cell timestamps in executed notebooks: regenerating solutions/ gives the same file.
c.Execute.record_timing = False
# Only errors cost points: stderr (a warning, a progress message) is dropped from
# graded cells instead of zeroing them, as stock nbgrader would.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"[\s\S]"
# No cell is skipped: a student's "skip-execution" tag on a test cell has no effect.
c.Execute.skip_cells_with_tag = ""
# Feedback never shows hidden tests, in cell sources or in tracebacks; its formulas are
# MathML and its score summary names each cell, so the page reads the same offline.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "grader.feedback.Verdict",                  # passed or needs revision, the pass mark, what to do next
    "grader.feedback.HideHiddenTests",
    "grader.feedback.LatexToMathML",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.GenerateFeedback.exporter_class = "grader.feedback.FeedbackExporter"
# The Formgrader's submission view shows, under each written answer, its model answer and rubric from
# source/ (grader/rubrics.py); the feedback exporter never runs it.
c.HTMLExporter.preprocessors = ["grader.rubrics.Rubrics"]
c.FeedbackExporter.preprocessors = []

# The exchange. By default there is none: assignments go out in the student bundle and come back through
# the LMS, and the Formgrader's exchange buttons say where each step is done. On JupyterHub
# (deploy/jupyterhub/), an exchange root is configured and nbgrader's own exchange is used (grader/exchange.py).
exchange.configure(c)

# `make collect`: an LMS download is a zip of files named <student_id>_<file>,
# for example alice_a02-backprop.ipynb; nbgrader's zip_collect files them as
# submitted/alice/a02-backprop/a02-backprop.ipynb.
c.FileNameCollectorPlugin.named_regexp = r"^(?:.*/)?(?P<student_id>[A-Za-z0-9.\-]+)_(?P<file_id>[^/]+)$"
c.FileNameCollectorPlugin.valid_ext = [".ipynb"]

# Validate (the Lab button and `nbgrader validate`): each failed test cell shows its
# name and its whole message, not its source with every line cut at 90 characters.
c.Execute.on_cell_error = name_failed_test
# ... and Validate applies the grader's policy: an answer that imports what answers may not use fails there.
c.Execute.on_cell_execute = apply_grading_policy
# Validate (and generate_solution) reach their kernel over a unix socket: no warning about unencrypted TCP.
local_kernel(c)

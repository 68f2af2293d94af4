"""nbgrader configuration for students (the bundle's nbgrader_config.py).

Students only validate: the Validate button in JupyterLab, or
`nbgrader validate assignments/aNN-name/aNN-name.ipynb`.
"""


from nnkit.validation import CELL_TIMEOUT, apply_grading_policy, local_kernel, name_failed_test

c = get_config()  # noqa: F821

# Each failed test cell shows its name and its whole message, not its source.
c.Execute.on_cell_error = name_failed_test
# ... and Validate applies the grader's policy: an answer that imports what answers may not use fails there.
c.Execute.on_cell_execute = apply_grading_policy
# A cell may run as long as it may when the notebook is graded.
c.Execute.timeout = CELL_TIMEOUT
# Validate (and generate_solution) reach their kernel over a unix socket: no warning about unencrypted TCP.
local_kernel(c)

"""The course's own quality tooling: how the course measures its assignments and its grader.

Nothing here grades a student. A TA's workflow runs grader/ (autograde, judge,
sandbox, ledger, feedback, exchange); this package is for authors and for
tests/, and reads tests/buggy, tests/correct and tests/mutation:

- coursekit: build a temporary course, submit the known cases (solution,
  release, buggy variants, right answers in other styles), read scores back;
- mutation: the hidden tests' mutation score per graded item (make mutation);
- transplant: nothing students hold answers an assignment not yet due
  (make transplant);
- parity: every known case scores the same in one process and in the sandbox;
- pool: the forked workers mutation, transplant and parity run in.
"""

"""Sanitize steps that run before grading, in nbgrader's own chain."""

from nbgrader.preprocessors import NbGraderPreprocessor


class DeduplicateIds(NbGraderPreprocessor):
    """A copy-pasted cell: the last copy keeps its grade_id, the others become ordinary cells.

    In place of nbgrader's DeduplicateIds, which leaves the earlier copies with
    empty nbgrader metadata that OverwriteCells then fails on (KeyError:
    'grade_id'), so that an honest slip made the whole submission ungradable.
    Every copy still runs, in order, as the student wrote it.
    """

    def preprocess(self, nb, resources):
        seen = set()
        for cell in reversed(nb.cells):
            meta = cell.get("metadata", {})
            gid = meta.get("nbgrader", {}).get("grade_id")
            if gid is None:
                continue
            if gid in seen:
                self.log.warning("Cell with id '%s' exists more than once: grading the last copy", gid)
                del meta["nbgrader"]
            seen.add(gid)
        return nb, resources

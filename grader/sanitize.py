"""Sanitize steps that run before grading, in nbgrader's own chain."""

import traceback

import jsonschema
from nbformat.v4 import new_code_cell
from nbgrader.api import MissingEntry
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor, checkcellmetadata, overwritecells


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


class OverwriteCells(overwritecells.OverwriteCells):
    """nbgrader's OverwriteCells, which warns only when a student changed a locked cell.

    A released test cell with hidden tests differs from the gradebook's copy (the
    release took them out), so stock nbgrader warns "Attribute 'checksum' ...
    has changed!" for each such cell of every honest submission, and a TA learns
    to ignore it. Here a cell exactly as released is restored quietly (at debug
    level); any other change is restored and warned about, as before.
    """

    def preprocess_cell(self, cell, resources, index):
        self.cell, self.cell_type = cell, cell.cell_type      # as submitted, for report_change
        return super().preprocess_cell(cell, resources, index)

    def report_change(self, name, attr, old, new):
        if attr == "checksum" and self.as_released(name):
            self.log.debug("Cell %s is as released; its hidden tests are put back from the gradebook", name)
        else:
            super().report_change(name, attr, old, new)

    def as_released(self, grade_id):
        """Whether the code cell being restored is the gradebook's copy without its hidden tests, as released.
        Asked only of a cell whose checksum changed (nbgrader restores its source after asking)."""
        try:
            source = self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
        except MissingEntry:
            return False
        if source.cell_type != "code" or self.cell_type != "code":
            return False
        released = new_code_cell(source.source)
        ClearHiddenTests(parent=self)._remove_hidden_test_region(released)
        return released.source == self.cell.source


class _SchemaOnce(BaseMetadataValidator):
    """nbgrader's check of a cell's metadata against its schema, with the schema's validator made once.

    nbgrader calls jsonschema.validate for every cell, which checks the schema itself each time. The same
    error is raised (the schema's best match), and nbgrader's own for a schema version it does not know."""

    checkers = {}                # schema_version -> the schema's jsonschema validator, in this process

    def validate_cell(self, cell):
        meta = cell.metadata.get("nbgrader")
        if meta is None or meta.get("schema_version", 0) != self.schema_version:
            return super().validate_cell(cell)
        checker = self.checkers.get(self.schema_version)
        if checker is None:
            cls = jsonschema.validators.validator_for(self.schema)
            cls.check_schema(self.schema)
            checker = self.checkers[self.schema_version] = cls(self.schema)
        error = jsonschema.exceptions.best_match(checker.iter_errors(meta))
        if error is not None:
            raise error


class _Metadata(MetadataValidator, _SchemaOnce):
    """nbgrader's MetadataValidator (v3), whose own checks call _SchemaOnce's in place of nbgrader's base."""


class CheckCellMetadata(checkcellmetadata.CheckCellMetadata):
    """nbgrader's CheckCellMetadata, the same checks and errors, with the schema's validator made once.

    It runs twice for every submission (before and after grading); nbgrader's spent 0.06 s of each on
    checking the schema itself, once per cell."""

    def preprocess(self, nb, resources):
        try:
            _Metadata().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)
        return nb, resources

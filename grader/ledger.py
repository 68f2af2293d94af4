"""The ledger: what happened to every submission, beside nbgrader's gradebook.

autograded/.status/<assignment>.json maps a student id to an entry:
  status       "graded", "ungraded" or "in progress" (written before a job starts,
               so that a grading run that stops leaves a reason, never nothing)
  score, max_score   for "graded"
  reason       for "ungraded": why it could not be graded
  flags        what a TA should look at
  fingerprint  the submission's files and the assignment's source: an unchanged
               submission is not graded again
  sandbox      "bwrap" or "none"
  judge_mb     the peak memory (resident, MB) of the process that judged it
"""

import hashlib
import html
import json
import os
from pathlib import Path

from nbgrader.api import MissingEntry

from .static_checks import TooLarge, entries

STOPPED = "the grading run stopped while grading it (run make autograde again)"


def path(root, aid):
    return Path(root) / "autograded" / ".status" / f"{aid}.json"


def load(root, aid):
    """The ledger of one assignment; entries left "in progress" by a stopped run read as ungraded."""
    p = path(root, aid)
    entries = json.loads(p.read_text()) if p.exists() else {}
    for entry in entries.values():
        if entry.get("status") == "in progress":
            entry.update(status="ungraded", reason=STOPPED, fingerprint=None)
    return entries


def save(root, aid, entries):
    p = path(root, aid)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps(entries, indent=1, sort_keys=True))
    os.replace(tmp, p)


def all_ledgers(root):
    """{assignment: {student: entry}} for every ledger of the course."""
    folder = Path(root) / "autograded" / ".status"
    return {p.stem: load(root, p.stem) for p in sorted(folder.glob("*.json"))} if folder.is_dir() else {}


def fingerprint(folder):
    """sha256 over the names and bytes of every regular file in a submission folder (links by name only)."""
    h = hashlib.sha256()
    try:
        names = entries(folder)
    except TooLarge as exc:                       # precheck says so; graded again once the folder changes
        return hashlib.sha256(f"{exc}".encode()).hexdigest()
    for rel in names:
        p = Path(folder) / rel
        h.update(str(rel).encode() + b"\0")
        if p.is_file() and not p.is_symlink():
            h.update(p.read_bytes())
    return h.hexdigest()


NOTE = "The grader's note: "


def to_gradebook(gb, aid, sid, entry, answer_cell):
    """Copy what the ledger says of a submission into nbgrader's gradebook, for the Formgrader.

    Each notebook of a flagged or ungraded submission that the gradebook holds is marked
    `flagged`, and the reasons are added to the automatic comment of its first answer cell
    (answer_cell, a grade_id), which the Formgrader and the feedback page show. Otherwise it
    is unflagged: this runs each time the submission is graded, that is, when it is new.
    """
    try:
        sub = gb.find_submission(aid, sid)
    except MissingEntry:
        return
    reasons = list(entry.get("flags", []))
    if entry["status"] == "ungraded":
        reasons.insert(0, f"UNGRADED, the score shown is not a grade: {entry['reason']}")
    # The comment is rendered as markdown (HTML passes through): it is text here, and short.
    reasons = [html.escape(r[:500], quote=False) for r in reasons][:40]
    for nb in sub.notebooks:
        nb.flagged = bool(reasons)
        comment = next((c for c in nb.comments if c.name == answer_cell), None)
        if comment is not None:
            nbgraders = (comment.auto_comment or "").split(NOTE)[0].strip()
            note = NOTE + "; ".join(reasons) if reasons else ""
            comment.auto_comment = "\n\n".join(filter(None, [nbgraders, note])) or None
    gb.db.commit()

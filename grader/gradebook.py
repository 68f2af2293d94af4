"""Where the course's gradebook is, and whether it is sound.

By default the gradebook is nbgrader's SQLite file, gradebook.db in the
course root. A course graded by several machines or TAs at once sets the
environment variable DB_URL to a shared database, for example
`DB_URL=postgresql://grader@db.example.edu/nn_first_principles`
(nbgrader's `c.CourseDirectory.db_url`, which nbgrader_config.py sets from
it): `make autograde`, `feedback`, `grades`, `report`, `roster` and the
Formgrader then all read and write that database.
"""

import contextlib
import os
from pathlib import Path

import nbgrader.api
from nbgrader.api import Gradebook
from nbgrader.dbutil import ALEMBIC_DIR

from sqlalchemy import create_engine, make_url, text

VARIABLE = "DB_URL"


def alembic_head():
    """The revision a new gradebook is stamped with, as `alembic heads` prints it, read with alembic's
    own ScriptDirectory in this process. nbgrader runs `alembic heads` as a process of its own for
    every gradebook it makes (a second of CPU); every process of the course imports this module
    (nbgrader_config.py does), and nbgrader asks this function instead."""
    from alembic.script import ScriptDirectory
    return ScriptDirectory(ALEMBIC_DIR).get_current_head()


nbgrader.api.get_alembic_version = alembic_head


def url(root="."):
    """The gradebook's SQLAlchemy URL for the course at root: DB_URL, else root/gradebook.db."""
    shared = os.environ.get(VARIABLE, "").strip()
    if shared:
        return shared
    # Writers from parallel processes wait for each other instead of failing.
    return f"sqlite:///{Path(root).resolve() / 'gradebook.db'}?timeout=120"


@contextlib.contextmanager
def opened(db_url):
    """nbgrader's Gradebook on db_url, closed with its connections on leaving (nbgrader's close() keeps
    the engine's pool open: a run of hundreds of submissions would hold hundreds of PostgreSQL connections)."""
    gb = Gradebook(db_url)
    try:
        yield gb
    finally:
        gb.close()
        gb.engine.dispose()


def is_sqlite(db_url):
    return db_url.startswith("sqlite:")


def exists(root="."):
    """True if the course has a gradebook to read (a shared database always counts as one)."""
    return not is_sqlite(url(root)) or (Path(root) / "gradebook.db").exists()


def where(root="."):
    """The gradebook as a person would name it: the file, or the database without its password."""
    db_url = url(root)
    if is_sqlite(db_url):
        return "gradebook.db"
    return make_url(db_url).render_as_string(hide_password=True)


# Rows that point at nothing: in SQLite, whose foreign keys nbgrader does not switch on, they are how a
# damaged gradebook shows; PostgreSQL enforces the keys, so there they must be none by construction.
_ORPHANS = {
    "grade": "SELECT count(*) FROM grade g LEFT JOIN submitted_notebook n ON g.notebook_id = n.id WHERE n.id IS NULL",
    "comment": "SELECT count(*) FROM comment c LEFT JOIN submitted_notebook n ON c.notebook_id = n.id "
               "WHERE n.id IS NULL",
    "submitted notebook": "SELECT count(*) FROM submitted_notebook n LEFT JOIN submitted_assignment a "
                          "ON n.assignment_id = a.id WHERE a.id IS NULL",
}


def integrity(db_url):
    """'ok', or what is wrong with the gradebook: SQLite's own integrity check, and no row pointing at nothing."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as db:
            if is_sqlite(db_url):
                result = db.execute(text("PRAGMA integrity_check")).scalar()
                if result != "ok":
                    return result
            wrong = [f"{n} {what} row(s) point at nothing" for what, sql in _ORPHANS.items()
                     if (n := db.execute(text(sql)).scalar())]
    finally:
        engine.dispose()
    return "; ".join(wrong) or "ok"

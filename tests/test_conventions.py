"""No convention is taught only by a hidden test (docs/conventions.md, "The checker").

Every hidden cell names the conventions it relies on; each must be shown by a
visible test that comes before it and contains one of the convention's phrases.
"""

import re

import nbformat
import pytest

from quality import coursekit

DOC = coursekit.ROOT / "docs" / "conventions.md"
LINE = re.compile(r"^# It relies on (?:these conventions \(docs/conventions\.md\): (?P<ids>.+)"
                  r"|(?P<none>no convention beyond the docstring))\.$")
ENTRY = re.compile(r"^(?P<id>[a-z0-9-]+)(?: \(taught by (?P<test>test_\w+)\))?$")
# What a hidden cell's own source says it checks, and the ids of which it must then list one.
DETECT = {("no-change",): re.compile(r"unchanged|changed[^\n\"]*in place"),
          ("early-stopping", "pool-ties"): re.compile(r"\btie")}


def conventions(doc=DOC):
    """{id: [phrases]} from the checker's table in docs/conventions.md."""
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| [^|]+ \| (.+) \|$", doc.read_text(), flags=re.M)
    return {cid: re.findall(r"`([^`]+)`", phrases) for cid, phrases in rows}


def graded_cells(nb):
    """[(grade_id, source, is_hidden)] of the notebook's test cells, in order."""
    out = []
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            out.append((meta["grade_id"], c.source, "BEGIN HIDDEN TESTS" in c.source))
    return out


def problems(nb, table, where):
    """Every way the notebook's hidden cells break the checker's rules, as messages."""
    found, visible, used = [], {}, set()
    for gid, source, hidden in graded_cells(nb):
        if not hidden:
            visible[gid] = source
            continue
        lines = source.splitlines()
        m = LINE.match(lines[1]) if len(lines) > 1 else None
        if not m:
            found.append(f"{where} {gid}: line 2 should say which conventions the cell relies on, as "
                         f"'# It relies on these conventions (docs/conventions.md): id, id.' or "
                         f"'# It relies on no convention beyond the docstring.', but is {lines[1:2]}")
            continue
        entries = [ENTRY.match(e) for e in (m["ids"] or "").split(", ") if m["ids"]]
        ids = {e["id"] for e in entries if e}
        used |= ids
        body = "\n".join(lines[:1] + lines[2:])
        for cids, pattern in DETECT.items():
            if pattern.search(body) and not ids & set(cids):
                found.append(f"{where} {gid}: the cell checks '{pattern.search(body)[0]}' but does not list "
                             f"{' or '.join(cids)}")
        for text, e in zip(m["ids"].split(", ") if m["ids"] else [], entries):
            if not e or e["id"] not in table:
                found.append(f"{where} {gid}: '{text}' is not an id of the table in docs/conventions.md")
                continue
            item = re.sub(r"^hidden_(.+?)_[a-z]+$", r"test_\1", gid)
            teacher = e["test"] or item
            if teacher not in visible:
                found.append(f"{where} {gid}: {e['id']} should be taught by {teacher}, which is not a visible "
                             f"test before this cell")
            elif not any(p in visible[teacher] for p in table[e["id"]]):
                found.append(f"{where} {gid}: relies on {e['id']}, but {teacher} never says so: it contains none "
                             f"of {table[e['id']]}")
    return found, used


def test_the_table_has_phrases_for_every_id():
    table = conventions()
    assert len(table) >= 20, f"docs/conventions.md's checker table has only {len(table)} rows"
    assert all(table.values()), [cid for cid, p in table.items() if not p]


def test_every_hidden_cell_relies_only_on_conventions_a_visible_test_teaches():
    table, found, used = conventions(), [], set()
    for aid in coursekit.assignment_ids():
        nb = nbformat.read(coursekit.ROOT / "source" / aid / f"{aid}.ipynb", as_version=4)
        f, u = problems(nb, table, aid)
        found += f
        used |= u
    assert not found, "\n".join(found)
    assert not set(table) - used, f"ids no hidden cell relies on: {sorted(set(table) - used)}"


def _notebook(visible, hidden):
    nb = nbformat.v4.new_notebook()
    for gid, source in [("test_f", visible), ("hidden_f_core", hidden)]:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": gid}
        nb.cells.append(cell)
    return nb


HEAD = "# Hidden tests for f (core) run when your notebook is graded.\n"


@pytest.mark.parametrize("visible, hidden, complaint", [
    ("check_close(f(x), 1)", HEAD + "# It relies on these conventions (docs/conventions.md): no-change.\n",
     "test_f never says so"),
    ("check_close(f(x), 1)", HEAD + "# It relies on no convention beyond the docstring.\n"
     "### BEGIN HIDDEN TESTS\nassert x_before == x, 'f changed x in place'\n", "does not list no-change"),
    ("check_close(f(x), 1)", HEAD + "### BEGIN HIDDEN TESTS\n", "line 2 should say"),
    ("check_close(f(x), 1)", HEAD + "# It relies on these conventions (docs/conventions.md): sorting.\n",
     "'sorting' is not an id"),
    ("check_close(f(x), 1)", HEAD + "# It relies on these conventions (docs/conventions.md): "
     "relu-at-0 (taught by test_g).\n", "test_g, which is not a visible test"),
])
def test_the_checker_fails_on_a_convention_taught_only_by_a_hidden_test(visible, hidden, complaint):
    found, _ = problems(_notebook(visible, hidden + "### BEGIN HIDDEN TESTS\n"), conventions(), "a99")
    assert any(complaint in f for f in found), found


def test_the_checker_accepts_a_convention_the_visible_test_names():
    visible = "grading.check_unchanged(before, (x,), ('x',), 'f')"
    hidden = HEAD + "# It relies on these conventions (docs/conventions.md): no-change.\n### BEGIN HIDDEN TESTS\n"
    assert problems(_notebook(visible, hidden), conventions(), "a99")[0] == []

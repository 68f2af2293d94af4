"""What the grader reads from a submission without running it.

- `precheck`: can this folder be graded at all? Only regular files with one
  link are accepted (no symbolic or hard links, no devices), and a reason
  never quotes a file's contents.
- `static_flags`: test cells deleted, edited or re-tagged, graded cells
  reordered, answers that import what they may not.
- `defined_names`: the names a cell defines, which the judge binds to the
  student's kernel.
- `delegations`: the names whose answer cell imports what answers may not
  (the policy and its matching are nnkit.grading's: FORBIDDEN, forbidden_imports).
"""

import ast
import os
import stat
from pathlib import Path

import nbformat

from nnkit.grading import forbidden_imports

from .assignment import BEGIN_HIDDEN, is_answer, meta
from .plan import CHECKPOINTS


MAX_ENTRIES = 1000       # files and folders of one submission folder
MAX_DEPTH = 20


class TooLarge(Exception):
    """A submission folder with more entries, or deeper, than any submission needs."""


def entries(folder):
    """The relative paths of everything in a folder, sorted, walked without recursion or following links.

    Raises TooLarge past MAX_ENTRIES entries or MAX_DEPTH levels.
    """
    found, todo = [], [Path(".")]
    while todo:
        rel = todo.pop()
        if len(rel.parts) >= MAX_DEPTH:
            raise TooLarge(f"it is more than {MAX_DEPTH} folders deep")
        for entry in os.scandir(Path(folder) / rel):
            if entry.name == CHECKPOINTS:                 # a TA opened the notebook in Lab: not the student's
                continue
            found.append(rel / entry.name)
            if len(found) > MAX_ENTRIES:
                raise TooLarge(f"it holds more than {MAX_ENTRIES} files and folders")
            if entry.is_dir(follow_symlinks=False):
                todo.append(rel / entry.name)
    return sorted(found)


def unsafe_files(folder):
    """Lines naming every entry of the folder that is not a plain regular file."""
    problems = []
    for rel in entries(folder):
        info = (Path(folder) / rel).lstat()
        if stat.S_ISLNK(info.st_mode):
            problems.append(f"{rel} is a symbolic link")
        elif stat.S_ISDIR(info.st_mode):
            continue
        elif not stat.S_ISREG(info.st_mode):
            problems.append(f"{rel} is not a regular file")
        elif info.st_nlink > 1:
            problems.append(f"{rel} is a hard link ({info.st_nlink} names for one file)")
    return problems


def precheck(folder, aid):
    """Why a submission folder cannot be graded, or None."""
    folder = Path(folder)
    if folder.is_symlink() or not folder.is_dir():
        return f"submitted/.../{aid} is not a folder (a symbolic link or a file): copy the real folder there"
    try:
        unsafe = unsafe_files(folder)
    except TooLarge as exc:
        return f"the submission folder cannot be graded: {exc}. Submit the notebook alone"
    if unsafe:
        return ("only regular files are graded, but " + "; ".join(unsafe[:3])
                + ". Replace it with a copy of the file (cp, not ln) and grade again")
    nb_path = folder / f"{aid}.ipynb"
    if not nb_path.exists():
        found = sorted(p.name for p in folder.iterdir())
        here = f"submitted/{folder.parent.name}/{aid}"
        fix = (f"mv '{here}/{next((f for f in found if f.endswith('.ipynb')), found[0])}' '{here}/{aid}.ipynb'"
               if found else f"put the student's notebook in {here}/ as {aid}.ipynb")
        return (f"notebook missing: expected {aid}.ipynb, found " + (", ".join(found[:10]) if found else "an empty folder")
                + f" (a file misnamed in the LMS download?). Fix: {fix}, then make autograde again")
    if nb_path.stat().st_size == 0:
        return f"{aid}.ipynb is an empty file"
    try:
        nb = nbformat.read(nb_path, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several kinds; never quote the file
        return f"{aid}.ipynb is not a valid notebook ({type(exc).__name__}: it is not notebook JSON of format 4)"
    return None


def source_cells(gb, aid):
    """[(notebook, grade_id, cell_type, source, is_test)] of the assignment, in source order."""
    cells = []
    for nb in gb.find_assignment(aid).notebooks:
        solutions = {c.name for c in nb.solution_cells}
        graded = {c.name for c in nb.grade_cells}
        for sc in nb.source_cells:
            cells.append((nb.name, sc.name, sc.cell_type, sc.source, sc.name in graded and sc.name not in solutions))
    return cells


def static_flags(folder, aid, cells):
    """Flags read from the submitted notebook itself: tampered test cells, forbidden imports."""
    nb = nbformat.read(Path(folder) / f"{aid}.ipynb", as_version=4)
    flags = []
    submitted = [(meta(c).get("grade_id"), c) for c in nb.cells]
    by_id = {gid: c for gid, c in submitted if gid}
    for _, gid, _, src, is_test in cells:
        if not is_test:
            continue
        cell = by_id.get(gid)
        if cell is None:
            flags.append(f"test cell {gid} was deleted or its nbgrader metadata removed (nbgrader put it back)")
        elif cell.source.strip() != src.strip() and BEGIN_HIDDEN not in src:
            flags.append(f"test cell {gid} was edited (the grader ran the original)")
        elif cell.get("metadata", {}).get("tags"):
            flags.append(f"test cell {gid} carries tags {cell.metadata['tags']}")
    known = {gid for _, gid, *_ in cells}
    order = []
    for gid, _ in submitted:
        if gid in known and gid not in order:
            order.append(gid)
    if order != [gid for _, gid, *_ in cells if gid in order]:
        flags.append("graded cells were reordered")
    for gid, cell in submitted:
        if cell.get("cell_type") == "code" and is_answer(cell):
            bad = forbidden_imports(cell.source)
            if bad:
                flags.append(f"answer cell {gid} uses {', '.join(bad)} (a from-scratch answer may not)")
    return flags


def delegations(cells):
    """{name: why} for every name an answer code cell defines when that cell imports a forbidden module.

    The judge answers nnkit.grading.assert_from_scratch with this for a function that lives in the
    sandboxed kernel (grader/proxy.py, Remote.__from_scratch__): the sandbox holds none of those
    modules, so an answer can only have reached them through such an import.
    """
    found = {}
    for cell in cells:
        if cell.get("cell_type") == "code" and is_answer(cell):
            bad = forbidden_imports(cell.source)
            for name in defined_names(cell.source) if bad else []:
                found[name] = f"{bad[0]} (its answer cell uses it)"
    return found


def defined_names(src):
    """Top-level functions, classes and simple assignments of a cell (empty if it does not parse)."""
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
    return names

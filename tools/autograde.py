"""Grade a class in parallel, contained, on nbgrader's own Python API.

    .venv/bin/python tools/autograde.py [ASSIGNMENT ...] [--jobs N] [--force]

Every submission in submitted/<student>/<assignment>/ is graded by
nbgrader's `NbGraderAPI.autograde` in a process of its own (forked, so
nbgrader is imported once), with its own kernel, under limits: the cell
timeout of nbgrader_config.py, a wall-time limit per submission, a memory
cap, no child processes, bounded output (tools/kernel_guard.py runs in the
kernel). Results go to nbgrader's gradebook and to a ledger,
autograded/.status/<assignment>.json, which records for every submission
whether it was graded or could not be graded (and why), and what was
flagged for review. submitted/ is only read. A submission whose files, and
whose assignment's source, have not changed since it was graded is skipped,
so re-running, or running again after Ctrl-C, finishes the job and gives the
same scores; a changed source/ regrades the assignment with its new tests.
"""

import argparse
import ast
import ctypes
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import warnings
from pathlib import Path

import nbformat
import psutil
from nbgrader.api import Gradebook
from nnkit.grading import ALLOWED, FORBIDDEN
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

HERE = Path(__file__).resolve().parent
GUARD = HERE / "kernel_guard.py"


# ---- the ledger ------------------------------------------------------------

def ledger_path(root, aid):
    return Path(root) / "autograded" / ".status" / f"{aid}.json"


def load_ledger(root, aid):
    path = ledger_path(root, aid)
    return json.loads(path.read_text()) if path.exists() else {}


def save_ledger(root, aid, ledger):
    path = ledger_path(root, aid)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(ledger, indent=1, sort_keys=True))
    os.replace(tmp, path)


def fingerprint(folder):
    """sha256 over the names and bytes of every file in a submission folder."""
    h = hashlib.sha256()
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


# ---- checks before and after grading ------------------------------------------

def precheck(folder, aid):
    """Why a submission folder cannot be graded, or None."""
    nb_path = Path(folder) / f"{aid}.ipynb"
    if not nb_path.exists():
        found = sorted(p.name for p in Path(folder).iterdir())
        return (f"notebook missing: expected {aid}.ipynb, found "
                + (", ".join(found) if found else "an empty folder"))
    if nb_path.stat().st_size == 0:
        return f"{aid}.ipynb is an empty file"
    try:
        nb = nbformat.read(nb_path, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several kinds
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"{aid}.ipynb is not a valid notebook ({first[:200]})"
    return None


def source_cells(gb, aid):
    """[(notebook, grade_id, cell_type, source, is_test)] of the assignment, in source order."""
    cells = []
    for nb in gb.find_assignment(aid).notebooks:
        for sc in nb.source_cells:
            gc = next((g for g in nb.grade_cells if g.name == sc.name), None)
            cells.append((nb.name, sc.name, sc.cell_type, sc.source, gc is not None and not is_solution(nb, sc.name)))
    return cells


def is_solution(nb, name):
    return any(c.name == name for c in nb.solution_cells)


def static_flags(folder, aid, cells):
    """Flags read from the submitted notebook itself: tampered test cells, delegation."""
    nb = nbformat.read(Path(folder) / f"{aid}.ipynb", as_version=4)
    flags = []
    submitted = [(c.get("metadata", {}).get("nbgrader", {}).get("grade_id"), c) for c in nb.cells]
    by_id = {gid: c for gid, c in submitted if gid}
    tests = [(gid, src) for _, gid, _, src, is_test in cells if is_test]
    for gid, src in tests:
        cell = by_id.get(gid)
        if cell is None:
            flags.append(f"test cell {gid} was deleted or its nbgrader metadata removed (nbgrader put it back)")
        elif cell.source.strip() != src.strip() and "BEGIN HIDDEN TESTS" not in src:
            flags.append(f"test cell {gid} was edited (nbgrader restored it)")
        elif cell.get("metadata", {}).get("tags"):
            flags.append(f"test cell {gid} carries tags {cell.metadata['tags']}")
    order = [gid for gid, _ in submitted if gid in {g for _, g, *_ in cells}]
    expected = [g for _, g, *_ in cells if g in order]
    if order != expected:
        flags.append("graded cells were reordered")
    for gid, cell in submitted:
        if cell.get("cell_type") == "code" and cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            bad = delegating_imports(cell.source)
            if bad:
                flags.append(f"answer cell {gid} imports {', '.join(bad)} (a from-scratch answer may not)")
    return flags


def delegating_imports(src):
    """Modules a from-scratch answer may not import, as named in its source."""
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return sorted(n for n in names if n.startswith(FORBIDDEN) and not n.startswith(ALLOWED))


# ---- one submission, in a forked process --------------------------------------

def _set_subreaper():
    """Orphaned descendants become our children, so that none escapes the cleanup."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def grade_one(root, config, aid, sid, workdir, limits):
    """Body of the forked process: run nbgrader's autograde for one submission."""
    os.setsid()  # Ctrl-C in the terminal reaches the coordinator, which stops us cleanly
    _set_subreaper()
    log = os.open(Path(workdir) / "grader.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log, 1)
    os.dup2(log, 2)
    ipdir = Path(workdir) / "ipython"
    (ipdir / "profile_default" / "startup").mkdir(parents=True)
    shutil.copy(GUARD, ipdir / "profile_default" / "startup" / "00-guard.py")
    os.environ.update({
        "IPYTHONDIR": str(ipdir), "MPLBACKEND": "Agg", "MPLCONFIGDIR": str(Path(workdir) / "mpl"),
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYTHONWARNINGS": "ignore", "NNKIT_GUARD_LOG": str(Path(workdir) / "guard.jsonl"),
        "NNKIT_GUARD_ROOT": str(root), "NNKIT_GUARD_TESTS": str(Path(workdir) / "tests.json"),
        "NNKIT_GUARD_MEMORY": str(limits["memory"]), "NNKIT_GUARD_OUTPUT": str(limits["output"]),
        "NNKIT_GUARD_CELL_TIMEOUT": str(config.Execute.timeout),
    })
    api = NbGraderAPI(CourseDirectory(config=config, root=str(root)), config=config)
    result = api.autograde(aid, sid, force=True, create=True)
    Path(workdir, "result.json").write_text(json.dumps(
        {k: result.get(k) for k in ("success", "error", "log")}))
    os._exit(0)


def kill_tree(pid):
    """Kill a process and all its descendants (repeatedly, in case they fork)."""
    for _ in range(20):
        try:
            procs = psutil.Process(pid).children(recursive=True) + [psutil.Process(pid)]
        except psutil.NoSuchProcess:
            return
        for p in procs:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(procs, timeout=2)


def reap_orphans(active):
    """Kill processes that were re-parented to us (we are a subreaper) and belong to no live job."""
    for child in psutil.Process().children():
        if child.pid not in active:
            kill_tree(child.pid)


def classify_failure(result, exitcode):
    if result is None:
        return f"the grading process died (exit code {exitcode})"
    text = f"{result.get('error') or ''}\n{result.get('log') or ''}"
    if "DeadKernelError" in text or "Kernel died" in text or "kernel died" in text:
        return "the kernel died (the code exited the kernel, crashed it or ran it out of memory)"
    if "CellTimeoutError" in text or "Timeout waiting for" in text or "UnresponsiveKernelError" in text:
        return "the kernel stopped responding (a cell ran past the cell timeout and the kernel did not recover)"
    lines = [l for l in (result.get("error") or result.get("log") or "").splitlines() if l.strip()]
    return "nbgrader could not grade it: " + (lines[-1].strip()[:200] if lines else "no message")


def read_guard_log(workdir):
    """(flags, stuck): what the kernel guard flagged, and whether a cell ignored the interrupt."""
    path = Path(workdir) / "guard.jsonl"
    if not path.exists():
        return [], False
    flags, stuck = [], False
    for line in path.read_text().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry["kind"] == "stuck":
            stuck = True
            continue
        text = f"{entry['kind']}: {entry['detail']}"
        if text not in flags:
            flags.append(text)
    return flags, stuck


# ---- the coordinator ----------------------------------------------------------

def load_config(root):
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    # Writers from parallel processes wait for each other instead of failing.
    config.CourseDirectory.db_url = f"sqlite:///{Path(root).resolve() / 'gradebook.db'}?timeout=120"
    return config


def source_hash(root, aid):
    return hashlib.sha256((Path(root) / "source" / aid / f"{aid}.ipynb").read_bytes()).hexdigest()


def ensure_generated(root, config, aids):
    """The gradebook must hold an assignment's current cells before autograde restores them.

    Generates an assignment that the gradebook does not know, or whose source
    changed since it was last graded (the hash is kept beside the ledger).
    """
    api = NbGraderAPI(CourseDirectory(config=config, root=str(root)), config=config)
    with Gradebook(config.CourseDirectory.db_url) as gb:
        known = {a.name for a in gb.assignments if a.notebooks}
    for aid in aids:
        stamp = ledger_path(root, aid).with_suffix(".source")
        current = source_hash(root, aid)
        if aid in known and stamp.exists() and stamp.read_text() == current:
            continue
        if aid in known and stamp.exists():
            print(f"source/{aid} changed since it was last graded: updating the gradebook and regrading")
        result = api.generate_assignment(aid, force=True)
        if not result["success"]:
            sys.exit(f"Could not generate {aid} from source/: {result.get('error') or result.get('log')}")
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("assignments", nargs="*", help="assignment ids (default: all with submissions)")
    ap.add_argument("--root", default=".", help="course root (default: here)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cell-timeout", type=int, help="seconds per cell (default: nbgrader_config.py)")
    ap.add_argument("--submission-timeout", type=int, default=600, help="seconds per submission")
    ap.add_argument("--memory-mb", type=int, default=2048, help="memory cap of a student kernel")
    ap.add_argument("--output-limit", type=int, default=1_000_000, help="bytes a kernel may print")
    ap.add_argument("--force", action="store_true", help="regrade submissions graded before")
    ap.add_argument("--quiet", action="store_true", help="no per-submission lines")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")  # nbgrader's SQLAlchemy chatter; results are reported below

    root = Path(args.root).resolve()
    config = load_config(root)
    if args.cell_timeout:
        config.Execute.timeout = args.cell_timeout
    submitted = root / "submitted"
    if not submitted.is_dir():
        sys.exit("No submitted/ folder: put submissions in submitted/<student>/<assignment>/<assignment>.ipynb")
    sources = sorted(p.name for p in (root / "source").iterdir() if p.is_dir())
    aids = args.assignments or sorted({p.name for p in submitted.glob("*/*") if p.is_dir()} & set(sources))
    unknown = [a for a in aids if a not in sources]
    if unknown:
        sys.exit(f"Unknown assignment(s) {unknown}: source/ has {sources}")
    ensure_generated(root, config, aids)
    limits = {"memory": args.memory_mb * 2 ** 20, "output": args.output_limit}

    ledgers = {aid: load_ledger(root, aid) for aid in aids}
    with Gradebook(config.CourseDirectory.db_url) as gb:
        cells = {aid: source_cells(gb, aid) for aid in aids}
    todo, skipped = [], 0
    for aid in aids:
        for folder in sorted(submitted.glob(f"*/{aid}")):
            sid, fp = folder.parent.name, f"{fingerprint(folder)}:{source_hash(root, aid)[:16]}"
            entry = ledgers[aid].get(sid)
            if entry and entry.get("fingerprint") == fp and not args.force:
                skipped += 1
                continue
            todo.append((aid, sid, folder, fp))

    scratch = Path(tempfile.mkdtemp(prefix="autograde-"))
    _set_subreaper()
    ctx = multiprocessing.get_context("fork")
    running, done, t0 = {}, 0, time.time()
    counts = {"graded": 0, "ungraded": 0, "flagged": 0}
    print(f"Grading {len(todo)} submission(s) of {', '.join(aids)} with {args.jobs} worker(s)"
          + (f"; {skipped} unchanged since last time, skipped" if skipped else ""), flush=True)

    def record(aid, sid, fp, entry):
        nonlocal done
        entry["fingerprint"] = fp
        ledgers[aid][sid] = entry
        save_ledger(root, aid, ledgers[aid])
        done += 1
        counts[entry["status"]] += 1
        counts["flagged"] += bool(entry.get("flags"))
        rate = (time.time() - t0) / done
        left = rate * (len(todo) - done)
        what = (f"{entry['score']:g}/{entry['max_score']:g}" if entry["status"] == "graded"
                else f"UNGRADED: {entry['reason']}")
        flag = f"  FLAGGED: {'; '.join(entry['flags'])}" if entry.get("flags") else ""
        line = (f"[{done}/{len(todo)}] {aid} {sid}: {what}{flag}" if not args.quiet else
                f"[{done}/{len(todo)}]")
        print(f"{line}   (~{left:.0f} s left)", flush=True)

    def finish(job, result, exitcode, timed_out):
        aid, sid, folder, fp, workdir, _, started = job
        entry = {"seconds": round(time.time() - started, 2)}
        guard, stuck = read_guard_log(workdir)
        flags = static_flags(folder, aid, cells[aid]) + guard
        if timed_out:
            entry.update(status="ungraded", reason=f"timed out after {args.submission_timeout} s "
                                                  f"(the per-submission limit)")
        elif stuck:
            entry.update(status="ungraded", reason=f"a cell ran past the {config.Execute.timeout} s cell timeout "
                                                   "and ignored the interrupt")
        elif result is None or not result.get("success"):
            entry.update(status="ungraded", reason=classify_failure(result, exitcode))
        else:
            with Gradebook(config.CourseDirectory.db_url) as gb:
                sub = gb.find_submission(aid, sid)
                entry.update(status="graded", score=sub.score, max_score=sub.max_score)
        entry["flags"] = flags
        record(aid, sid, fp, entry)
        shutil.rmtree(workdir, ignore_errors=True)

    queue = list(todo)
    try:
        while queue or running:
            while queue and len(running) < max(1, args.jobs):
                aid, sid, folder, fp = queue.pop(0)
                reason = precheck(folder, aid)
                if reason:
                    record(aid, sid, fp, {"status": "ungraded", "reason": reason, "flags": [], "seconds": 0})
                    continue
                workdir = scratch / f"{aid}--{sid}"
                workdir.mkdir()
                (workdir / "tests.json").write_text(json.dumps([c[3] for c in cells[aid] if c[4]]))
                proc = ctx.Process(target=grade_one, args=(root, config, aid, sid, workdir, limits))
                proc.start()
                running[proc.pid] = (aid, sid, folder, fp, workdir, proc, time.time())
            time.sleep(0.1)
            for pid, job in list(running.items()):
                proc, started = job[5], job[6]
                timed_out = time.time() - started > args.submission_timeout
                if proc.is_alive() and not timed_out:
                    continue
                kill_tree(pid)
                proc.join()
                del running[pid]
                result_file = job[4] / "result.json"
                result = json.loads(result_file.read_text()) if result_file.exists() else None
                finish(job, result, proc.exitcode, timed_out and result is None)
            reap_orphans(set(running))
    except KeyboardInterrupt:
        for pid in list(running):
            kill_tree(pid)
        print(f"\nInterrupted: {done} of {len(todo)} graded and saved. Run `make autograde` again to finish.",
              file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    ok = sqlite3.connect(root / "gradebook.db").execute("PRAGMA integrity_check").fetchone()[0]
    elapsed = time.time() - t0
    print(f"Done in {elapsed:.1f} s: {counts['graded']} graded, {counts['ungraded']} ungraded, "
          f"{counts['flagged']} flagged for review; gradebook integrity: {ok}")
    return 0 if ok == "ok" else 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    sys.exit(main())

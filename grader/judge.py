"""The trusted judge: an nbgrader preprocessor in place of `Execute`.

nbgrader_config.py puts `SandboxedJudge` first in
`Autograde.autograde_preprocessors`, so `nbgrader autograde`, the
Formgrader's Autograde button and `make autograde` all grade this way.

For each code cell of the (sanitized) submission, in order:
- a test cell (graded, not an answer) runs here, in the judge's process,
  from its source in the gradebook, never from the submission. The
  student's answer names are bound to proxies (grader/proxy.py) that call
  into the sandboxed kernel. The cell passes only if its code ran to the end
  without an exception; its outputs are the judge's own prints or its
  error, which nbgrader's SaveAutoGrades then scores.
- any other code cell runs in the student's kernel, in the sandbox
  (grader/sandbox.py). Locked cells (setup, data) run from the gradebook,
  in the kernel and here, so that tests see the same helpers.
Hidden tests never enter the sandbox (nor does any notebook: the kernel
gets the answer cells and the locked setup cells one by one), and nothing
the kernel prints reaches a test cell. The judge bounds what a kernel can
make it spend: its own data segment (`judge_mb`), what a callback the
kernel calls may allocate (`callback_mb`), the output kept per submission
(`output_limit`), and, on the wire (grader/rpc.py), message sizes, dtypes
and the number of objects handed over.
"""

import contextlib
import io
import json
import resource
import tempfile
import time
import traceback
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from nnkit.validation import CELL_TIMEOUT
from traitlets import Float, Integer, Unicode

from . import gradebook, rpc
from .proxy import JudgeConnection, StudentError
from .sandbox import Limits, Sandbox, SandboxError, remove_tree
from .assignment import meta as _meta
from .static_checks import defined_names, delegations


class Ungradable(rpc.Fatal):
    """The submission could not be graded; the message says why."""


class CellTimeoutError(Exception):
    """A cell ran past the cell timeout."""


STORM_LIMIT = 60


PAGE_MB = resource.getpagesize() / 2 ** 20


def data_mb():
    """The judge's data segment now (private writable memory, what RLIMIT_DATA counts), in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[5]) * PAGE_MB


@contextlib.contextmanager
def data_limit(mb):
    """Allocations past `mb` MB of data segment fail with MemoryError while inside; the limit is put back after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    want = int(mb * 2 ** 20)
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (want, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


class Session(JudgeConnection):
    """The judge's connection to one sandboxed kernel, with the per-cell deadline."""

    def __init__(self, sandbox, timeout, grace, callback_mb):
        super().__init__(sandbox.start())
        self.sandbox, self.timeout, self.grace, self.callback_mb = sandbox, timeout, grace, callback_mb
        self.interrupted = False

    def call_back(self, conn, op, args):
        """A test's function called by student code may allocate at most callback_mb MB for it."""
        with data_limit(data_mb() + self.callback_mb):
            return super().call_back(conn, op, args)

    def begin_cell(self):
        self.deadline = time.monotonic() + self.timeout
        self.interrupted = False

    def timeout_error(self):
        return CellTimeoutError(f"the cell ran past the {self.timeout:g} s cell timeout and was interrupted "
                                f"(an endless loop, or code far too slow?)")

    def request(self, op, *args):
        if self.interrupted:
            raise self.timeout_error()
        try:
            result = super().request(op, *args)
        except StudentError:
            if self.interrupted:
                raise self.timeout_error() from None
            raise
        except rpc.Timeout:
            if not self.interrupted:
                raise
            raise Ungradable(f"a cell ran past the {self.timeout:g} s cell timeout and ignored the interrupt") from None
        except rpc.Closed:
            raise Ungradable(self.sandbox.exit_reason() or "the kernel closed its connection") from None
        except rpc.ProtocolError as exc:
            raise Ungradable(f"the kernel broke the grader's protocol ({exc})") from None
        if self.interrupted:
            raise self.timeout_error()
        return result

    def receive(self):
        """A message; past the deadline, interrupt once, then wait a grace period for the reply.

        While processes the cell started are still dying (a fork storm takes a while
        to kill on two cores), the kernel cannot answer yet: the grace period is
        extended, up to STORM_LIMIT seconds after the interrupt.
        """
        while True:
            try:
                return super().receive()
            except rpc.Timeout:
                now = time.monotonic()
                if not self.interrupted:
                    self.interrupted, self.storm_deadline = True, now + STORM_LIMIT
                    self.sandbox.interrupt()
                    self.deadline = now + self.grace
                elif now < self.storm_deadline and self.sandbox.reap_strays():
                    self.deadline = now + self.grace
                else:
                    raise


@dataclass
class Report:
    """What the judge tells the coordinator about one submission, as report.json."""
    flags: list = field(default_factory=list)       # what the grader observed, in its own words
    timeouts: list = field(default_factory=list)    # the cells that ran past the cell timeout
    ungraded: str = ""                              # why the submission could not be graded, if it could not
    limits: str = ""                                # the sandbox's limits, in words
    judge_mb: int = 0                               # the judge's peak memory

    def write(self, path):
        Path(path).write_text(json.dumps(asdict(self)))

    @classmethod
    def read(cls, path):
        """The report at path, or an empty one if the judge never wrote it whole (it was killed)."""
        try:
            return cls(**json.loads(Path(path).read_text()))
        except (OSError, ValueError, TypeError):
            return cls()


class SandboxedJudge(NbGraderPreprocessor):
    """Run student cells in a sandboxed kernel and decide every test cell here."""

    sandbox = Unicode("bwrap", help="bwrap, or none to run student code unconfined").tag(config=True)
    timeout = Integer(CELL_TIMEOUT, help="seconds a cell may run; Validate gives a cell as long "
                                         "(nnkit.validation.CELL_TIMEOUT)").tag(config=True)
    submission_timeout = Integer(600, help="seconds a whole submission may take, all its cells "
                                           "together").tag(config=True)
    interrupt_grace = Float(5.0, help="seconds a cell has to stop after the interrupt").tag(config=True)
    memory_mb = Integer(2048, help="address space of the kernel, in MB").tag(config=True)
    processes = Integer(64, help="processes and threads the kernel may have").tag(config=True)
    file_mb = Integer(64, help="size of a file the kernel may write").tag(config=True)
    tmp_mb = Integer(64, help="size of the kernel's private /tmp").tag(config=True)
    shm_mb = Integer(16, help="size of the kernel's /dev/shm").tag(config=True)
    cpu_seconds = Integer(600, help="CPU time of the kernel").tag(config=True)
    output_limit = Integer(1_000_000, help="characters of output kept per submission, over all its cells").tag(config=True)
    judge_mb = Integer(1024, help="data segment of the judge's own process (what a kernel can make it "
                                  "allocate fails past it)").tag(config=True)
    callback_mb = Integer(256, help="memory a test's function may allocate when student code calls it"
                          ).tag(config=True)
    report_file = Unicode("", help="JSON file for the flags and the ungraded reason (make autograde)").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with gradebook.opened(info["db_url"]) as gb:
            record = gb.find_notebook(info["notebook"], info["assignment"])
            sources = {c.name: c.source for c in record.source_cells}
            locked = {c.name for c in record.source_cells if c.locked}
            answers = {c.name for c in record.solution_cells}
            tests = {c.name for c in record.grade_cells} - answers
        names = sorted({n for gid in answers for n in defined_names(sources.get(gid, ""))})
        report = Report()
        scratch = Path(tempfile.mkdtemp(prefix="judge-"))
        self.budget = self.output_limit
        try:
            with data_limit(self.judge_mb):
                box = Sandbox(Path(resources.get("metadata", {}).get("path") or "."), scratch, self.limits(),
                              self.sandbox)
                try:
                    session = Session(box, self.timeout, self.interrupt_grace, self.callback_mb)
                    report.limits = box.describe_limits()
                    self.grade(nb, session, sources, locked, tests, names, report)
                except SandboxError as exc:
                    raise Ungradable(str(exc)) from None
                except MemoryError:
                    raise Ungradable(f"grading it needed more than the judge's {self.judge_mb} MB") from None
                finally:
                    report.flags += box.observed()
                    box.close()
        except Ungradable as exc:
            report.ungraded = str(exc)
            raise
        finally:
            report.judge_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            self.write_report(report)
            remove_tree(scratch)
        return nb, resources

    def limits(self):
        return Limits(memory_mb=self.memory_mb, processes=self.processes, file_mb=self.file_mb,
                      tmp_mb=self.tmp_mb, shm_mb=self.shm_mb, cpu_seconds=self.cpu_seconds)

    def grade(self, nb, session, sources, locked, tests, names, report):
        session.delegations = delegations(nb.cells)
        judge_ns = {"__name__": "__judge__"}
        judge_ns.update({name: session.name(name) for name in names})
        cut = False
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            gid = _meta(cell).get("grade_id")
            cell.execution_count = None
            session.begin_cell()
            if gid in tests:
                cell.outputs = self.run_test(session, judge_ns, gid, sources[gid], report)
                session.sandbox.reap_strays()
                continue
            source = sources[gid] if gid in locked and gid in sources else cell.source
            cell.outputs, was_cut = self.run_in_kernel(session, source, f"cell {gid or index + 1}", report)
            cut = cut or was_cut
            session.sandbox.reap_strays()
            if gid in locked and gid in sources and gid not in tests:
                session.begin_cell()
                self.run_locked_here(session, judge_ns, gid, source)
        if cut:
            report.flags.append(f"printed more than the {self.output_limit} characters of output kept for a "
                                   f"submission; the rest was dropped")

    def keep(self, text):
        """text cut to what is left of the submission's output budget; True if it was cut."""
        kept = text[:max(self.budget, 0)]
        self.budget -= len(kept)
        return kept, len(kept) < len(text)

    def run_in_kernel(self, session, source, label, report):
        try:
            result = session.request("exec", source, label, max(self.budget, 0))
        except CellTimeoutError as exc:
            report.timeouts.append(label)
            return [_error("CellTimeoutError", str(exc), [])], False
        except StudentError as exc:                     # the cell broke the kernel's own machinery
            return [_error(type(exc).__name__, str(exc), [])], False
        if not isinstance(result, dict):
            raise Ungradable("the kernel broke the grader's protocol (a cell's result is not a record)")
        outputs, cut = [], bool(result.get("cut"))
        for name in ("stdout", "stderr"):
            text = result.get(name)
            if isinstance(text, str) and text:
                text, was_cut = self.keep(text)
                cut = cut or was_cut
                if text:
                    outputs.append(new_output("stream", name=name, text=text))
        error = result.get("error")
        if isinstance(error, dict):
            where = error.get("where")
            where = [str(w)[:200] for w in where[-3:]] if isinstance(where, list) else []
            outputs.append(_error(str(error.get("type"))[:100], str(error.get("message"))[:2000], where))
        return outputs, cut

    def run_locked_here(self, session, judge_ns, gid, source):
        """A locked cell (setup, data, helpers) also runs here, so that tests can use what it defines."""
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                exec(compile(source, f"<{gid}>", "exec"), judge_ns)
            except Exception as exc:  # its outputs in the notebook come from the kernel
                self.log.warning("locked cell %s failed in the judge: %s: %s", gid, type(exc).__name__, exc)

    def run_test(self, session, judge_ns, gid, source, report):
        """Run one test cell here; [stream] if it passed, [stream, error] if not."""
        printed = io.StringIO()
        error = None
        with contextlib.redirect_stdout(printed), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                exec(compile(source, f"<{gid}>", "exec"), judge_ns)
            except Ungradable:
                raise
            except Exception as exc:  # any failure of the test code is the verdict "failed"
                error = exc
        if session.interrupted:
            report.timeouts.append(gid)
            error = session.timeout_error()
        outputs = []
        text, _ = self.keep(printed.getvalue())
        if text:
            outputs.append(new_output("stream", name="stdout", text=text))
        if error is not None:
            lines = [f"line {f.lineno} of {gid}" for f in traceback.extract_tb(error.__traceback__)
                     if f.filename == f"<{gid}>"]
            outputs.append(_error(type(error).__name__, str(error), lines[-1:]))
        return outputs

    def write_report(self, report):
        if self.report_file:
            report.write(self.report_file)
        for flag in report.flags:
            self.log.warning("flagged: %s", flag)


def _error(ename, evalue, where):
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"] + [f"(at {w})" for w in where])

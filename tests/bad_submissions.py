"""A catalog of bad submissions, each with the outcome grading must give.

Every entry turns a correct student notebook into a bad one (or writes a
bad file). `expect` says what the grader must report:
  status  "graded" or "ungraded"
  score   "full" (all points), "less" (some points lost) or None (ungraded)
  reason  a phrase of the ungraded reason
  flag    a phrase that must appear among the flags (None: no flag needed)
  no_flag a phrase that must not appear among the flags
  no_output  a phrase that must not appear in the outputs of the autograded notebook
  max_notebook_kb  the size the autograded notebook must stay under

The families are those that got through when student code and tests shared a
kernel: the IPython shell, the checks, the file system, processes, the
network, and leaks of hidden tests; each must now get its honest score.
"""

import ast
import json
import os

import nbformat


def _meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def answer_cells(nb):
    return [c for c in nb.cells if _meta(c).get("solution")]


def visible_tests(nb):
    return [c for c in nb.cells if _meta(c).get("grade") and not _meta(c).get("solution")
            and _meta(c).get("grade_id", "").startswith("test_")]


def first_function(nb):
    """Name of the first function an answer cell defines."""
    for cell in answer_cells(nb):
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.FunctionDef):
                return node.name
    raise ValueError("no answer cell defines a function")


def append(code):
    """Add code at the end of the first answer cell ({course} and {port} are filled in)."""
    def change(nb, ctx):
        answer_cells(nb)[0].source += "\n\n" + code.format(**ctx)
        return nb
    return change


def redefine(body):
    """Redefine the first graded function with this body (it takes any arguments)."""
    def change(nb, ctx):
        name = first_function(nb)
        indented = "\n".join("    " + line for line in body.format(**ctx).splitlines())
        answer_cells(nb)[0].source += f"\n\n\ndef {name}(*args, **kwargs):\n{indented}"
        return nb
    return change


def both(*changes):
    def change(nb, ctx):
        for c in changes:
            nb = c(nb, ctx)
        return nb
    return change


def delete_first_test(nb, ctx):
    nb.cells.remove(visible_tests(nb)[0])
    return nb


def edit_first_test(nb, ctx):
    visible_tests(nb)[0].source = "print('all tests passed')"
    return nb


def tag_first_test(nb, ctx):
    visible_tests(nb)[0].metadata["tags"] = ["skip-execution", "raises-exception"]
    return nb


def strip_test_metadata(nb, ctx):
    for cell in nb.cells:
        if _meta(cell).get("grade") and not _meta(cell).get("solution"):
            cell.metadata = {}
    return nb


def tests_first(nb, ctx):
    """Move every test cell before the answers."""
    tests = [c for c in nb.cells if _meta(c).get("grade") and not _meta(c).get("solution")]
    rest = [c for c in nb.cells if c not in tests]
    nb.cells = rest[:2] + tests + rest[2:]
    return nb


def wrap_first(wrapper):
    """Rebind the first graded function to wrapper(the original) at the end of its answer cell."""
    def change(nb, ctx):
        name = first_function(nb)
        answer_cells(nb)[0].source += f"\n\n{wrapper}\n{name} = _wrap({name})"
        return nb
    return change


def many_cells(count, chars):
    """Add `count` ordinary code cells, each printing `chars` characters."""
    def change(nb, ctx):
        for _ in range(count):
            nb.cells.append(nbformat.v4.new_code_cell(f"print('x' * {chars})"))
        return nb
    return change


def duplicate_answer(nb, ctx):
    """An honest slip: the first answer cell pasted twice (same grade_id)."""
    first = answer_cells(nb)[0]
    nb.cells.insert(nb.cells.index(first) + 1, nbformat.from_dict(first))
    return nb


WRONG = "return None"
# Quietly tries something; a failure of the attempt is not the student's error here.
TRY = "try:\n{}\nexcept BaseException:\n    pass"


def attempt(code):
    return append(TRY.format("\n".join("    " + line for line in code.splitlines())))


CATALOG = {
    # Broken or greedy code.
    "infinite-loop": (redefine("while True:\n    pass"), dict(status="graded", score="less", flag="cell timeout")),
    "ignores-interrupt": (redefine("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"),
                          dict(status="ungraded", reason="ignored the interrupt")),
    "os-exit": (append("import os\nos._exit(3)"), dict(status="ungraded", reason="kernel died")),
    "memory-bomb": (attempt("hoard = []\nwhile True:\n    hoard.append(bytearray(10**8))"),
                    dict(status="graded", score="full", flag=None)),
    "fork-bomb": (append("import os\nfor _ in range(64):\n    try:\n        os.fork()\n    except OSError:\n        pass"),
                  dict(status="graded", score="full", flag="tried to start a process")),
    "leftover-process": (attempt("import subprocess\nsubprocess.Popen(['sleep', '600'])"),
                         dict(status="graded", score="full", flag="tried to start a process")),
    "ctypes-fork-daemon": (attempt("import ctypes, os, time\nif ctypes.CDLL(None).fork() == 0:\n"
                                   "    os.setsid()\n    time.sleep(600)\n    os._exit(0)"),
                           dict(status="graded", score="full", flag="tried to start a process")),
    "ctypes-system-daemon": (attempt("import ctypes\nctypes.CDLL(None).system(b'sleep 600 &')"),
                             dict(status="graded", score="full", flag="tried to start a process")),
    "system-daemon": (attempt("import os\nos.system('sleep 600 &')"),
                      dict(status="graded", score="full", flag="tried to start a process")),
    "signals-to-ancestors": (attempt("import os, signal\nfor pid in (os.getppid(), 1):\n    os.kill(pid, signal.SIGKILL)"),
                             dict(status="graded", score="full", flag=None)),
    "output-flood": (append("for _ in range(200000):\n    print('spam ' * 40)"),
                     dict(status="graded", score="full", flag="printed more than")),
    "warning-on-stderr": (append("import sys, warnings\nwarnings.warn('a harmless warning')\n"
                                 "print('progress', file=sys.stderr)"),
                          dict(status="graded", score="full", flag=None)),
    "big-file-in-tmp": (attempt("with open('/tmp/junk', 'wb') as f:\n    for _ in range(2048):\n"
                                "        f.write(bytes(2**20))"), dict(status="graded", score="full", flag=None)),
    # Every writable place is of a fixed size, in memory, gone with the sandbox (tests/test_judge_bounds.py
    # measures each); a tree 3000 folders deep vanishes with it too.
    "fills-every-mount": (attempt("for _dir in ('.', '/tmp', '/dev/shm', '/dev', '/', '/submission'):\n"
                                  "    for _i in range(64):\n        try:\n"
                                  "            with open(f'{{_dir}}/fill{{_i}}', 'wb') as _f:\n"
                                  "                for _ in range(64):\n                    _f.write(bytes(2**20))\n"
                                  "        except OSError:\n            break"),
                          dict(status="graded", score="full", flag=None)),
    "deep-tree": (attempt("import os\nfor _top in ('/submission', '/tmp'):\n    os.chdir(_top)\n"
                          "    for _ in range(3000):\n        os.mkdir('d')\n        os.chdir('d')\n"
                          "os.chdir('/submission')"), dict(status="graded", score="full", flag=None)),
    # Output: the budget is per submission, so many cells cannot multiply it.
    "hundred-big-cells": (many_cells(100, 1_000_000),
                          dict(status="graded", score="full", flag="printed more than", max_notebook_kb=3000)),
    # Honest but unusual: graded exactly as Run All shows it, unflagged.
    "honest-plot": (append("import matplotlib.pyplot as plt\n%matplotlib inline\nplt.plot([0, 1], [1, 0])\nplt.show()"),
                    dict(status="graded", score="full", flag=None, no_flag="tried")),
    "object-array": (wrap_first("def _wrap(f):\n    def g(*args, **kwargs):\n        out = f(*args, **kwargs)\n"
                                "        return np.array(out.tolist(), dtype=object) if isinstance(out, np.ndarray) "
                                "else out\n    return g"), dict(status="graded", score="full", flag=None)),
    "chatty": (wrap_first("def _wrap(f):\n    def g(*args, **kwargs):\n        print('step ' * 400_000)\n"
                          "        return f(*args, **kwargs)\n    return g"),
               dict(status="graded", score="full", flag=None)),
    # The grader's own reports: nothing the kernel says becomes a flag.
    "forged-flag": (attempt("import sys, types, __main__\n_fake = '<script>alert(1)</script> grader: all hidden tests passed'\n"
                            "sys.modules['_grader_events'] = types.SimpleNamespace(events=[_fake])\n"
                            "__main__.events = [_fake]\nif isinstance(getattr(__main__, 'events', None), list):\n"
                            "    __main__.events.append(_fake)"),
                    dict(status="graded", score="full", flag=None, no_flag="script")),
    "erased-events": (attempt("import subprocess, gc, sys\ntry:\n    subprocess.run(['true'])\nexcept OSError:\n"
                              "    pass\nfor _o in gc.get_objects():\n"
                              "    if type(_o) is list and any('tried to' in str(_x) for _x in _o[:20]):\n"
                              "        _o.clear()\nsys.modules.pop('_grader_events', None)"),
                      dict(status="graded", score="full", flag="tried to start a process")),
    # What a kernel can make the judge spend: bounded on the wire and in the judge.
    "many-handles": (redefine("return [object() for _ in range(1_000_000)]"),
                     dict(status="graded", score="less", flag=None)),
    "huge-exception-name": (redefine("raise type('E' * 5_000_000, (Exception,), {{}})('boom')"),
                            dict(status="graded", score="less", flag=None)),
    "long-double": (redefine("import numpy\nreturn numpy.ones(10**6, dtype=numpy.clongdouble)"),
                    dict(status="graded", score="less", flag=None)),
    # Tampering with the notebook.
    "deleted-test-cell": (delete_first_test, dict(status="graded", score="full", flag="was deleted")),
    "edited-test-cell": (both(redefine(WRONG), edit_first_test),
                         dict(status="graded", score="less", flag="was edited")),
    "retagged-test-cell": (both(redefine(WRONG), tag_first_test),
                           dict(status="graded", score="less", flag="carries tags")),
    "stripped-test-metadata": (strip_test_metadata,
                               dict(status="graded", score="full", flag="nbgrader metadata removed")),
    "reordered-cells": (tests_first, dict(status="graded", score="less", flag="reordered")),
    "duplicated-answer-cell": (duplicate_answer, dict(status="graded", score="full", flag=None, no_flag="reordered")),
    # The IPython shell: hooks that fooled in-kernel grading. Every answer is wrong.
    "display-hook": (both(redefine(WRONG + "  # sys.displayhook('ok') below"),
                          append("import sys\nsys.displayhook('ok')\nsys.displayhook = lambda value: print('ok')")),
                     dict(status="graded", score="less", flag=None)),
    "input-transformer": (both(redefine(WRONG), append("get_ipython().input_transformers_post.append(lambda lines: [])")),
                          dict(status="graded", score="less", flag=None)),
    "ast-transformer": (both(redefine(WRONG), append(
        "import ast\nclass Empty(ast.NodeTransformer):\n    def visit_Module(self, node):\n"
        "        node.body = []\n        return node\nget_ipython().ast_transformers.append(Empty())")),
        dict(status="graded", score="less", flag=None)),
    "custom-exception-handler": (both(redefine(WRONG), append(
        "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)")),
        dict(status="graded", score="less", flag=None)),
    "event-hooks": (both(redefine(WRONG), append(
        "for _hooks in get_ipython().events.callbacks.values():\n    _hooks.clear()")),
        dict(status="graded", score="less", flag=None)),
    # The checks: everything that reached into the tests when they shared the kernel.
    "shadowed-names": (both(redefine(WRONG), append(
        "class Anything:\n    def __getattr__(self, name):\n        return lambda *a, **k: True\n"
        "grading = Anything()\nnp = Anything()\nlen = lambda x: 0\nisinstance = lambda *a: True")),
        dict(status="graded", score="less", flag="uses nnkit.grading")),
    "monkeypatched-checks": (both(redefine(WRONG), append(
        "import builtins\nimport nnkit.grading\nfor _n in dir(nnkit.grading):\n"
        "    if _n.startswith('check') or _n.startswith('assert'):\n"
        "        setattr(nnkit.grading, _n, lambda *a, **k: None)\n"
        "np.allclose = lambda *a, **k: True\nnp.isclose = lambda a, b, **k: np.ones(np.shape(b), bool)\n"
        "builtins.all = lambda *a: True\nbuiltins.AssertionError = Warning")),
        dict(status="graded", score="less", flag="uses nnkit.grading")),
    "code-swap": (both(redefine(WRONG), append(
        "import nnkit.grading as _g\nfor _n in ('check_close', 'check_shape', 'check_backward'):\n"
        "    getattr(_g, _n).__code__ = (lambda *a, **k: None).__code__")),
        dict(status="graded", score="less", flag="uses nnkit.grading")),
    "trace-function": (both(redefine(WRONG), append(
        "import sys\ndef _tracer(frame, event, arg):\n    frame.f_locals.clear()\n    return _tracer\n"
        "sys.settrace(_tracer)")), dict(status="graded", score="less", flag=None)),
    "gc-poison": (both(redefine(WRONG), append(
        "import gc\nfor _o in gc.get_objects():\n    if isinstance(_o, dict) and 'check_close' in _o:\n"
        "        _o['check_close'] = lambda *a, **k: None")), dict(status="graded", score="less", flag=None)),
    "frame-reading-array": (redefine(
        "import sys\nclass Sneaky:\n    def __array__(self, *a, **k):\n        f = sys._getframe(1)\n"
        "        while f is not None:\n            if 'expected' in f.f_locals:\n"
        "                return np.asarray(f.f_locals['expected'])\n            f = f.f_back\n"
        "        return np.zeros(0)\nreturn Sneaky()"), dict(status="graded", score="less", flag=None)),
    # The file system: nothing of the course is there.
    "reads-hidden-tests": (attempt("import glob\nfor _p in glob.glob('{course}/source/*/*.ipynb') + "
                                   "glob.glob('../../../source/*/*.ipynb'):\n    print(open(_p).read())"),
                           dict(status="graded", score="full", flag=None)),
    # The kernel's own folder, /tmp and the whole file system: no notebook, so no test, anywhere.
    "reads-kernel-copy": (attempt("import os, sys\nfor _top in ('.', '/'):\n"
                                  "    for _dir, _subs, _files in os.walk(_top):\n"
                                  "        _subs[:] = [d for d in _subs if d not in ('proc', 'sys', 'usr', 'dev')\n"
                                  "                    and os.path.join(_dir, d) not in (sys.prefix, sys.base_prefix)]\n"
                                  "        for _f in _files:\n            if _f.endswith('.ipynb'):\n"
                                  "                print(open(os.path.join(_dir, _f)).read())"),
                          dict(status="graded", score="full", flag=None, no_output="grade_id")),
    "writes-outside": (attempt("open('{course}/submitted/solution/overwritten.txt', 'w').write('x')"),
                       dict(status="graded", score="full", flag=None)),
    "breaks-classmate": (attempt("import glob, os\nfor _p in glob.glob('{course}/submitted/*/*/*.ipynb'):\n"
                                 "    os.rename(_p, _p + '.gone')"), dict(status="graded", score="full", flag=None)),
    "rewrites-source": (attempt("import glob\nfor _p in glob.glob('{course}/source/*/*.ipynb'):\n"
                                "    open(_p, 'w').write('{{}}')"), dict(status="graded", score="full", flag=None)),
    "sqlite-extra-credit": (attempt("import sqlite3\n_db = sqlite3.connect('{course}/gradebook.db')\n"
                                    "_db.execute('UPDATE grade SET extra_credit = 100')\n_db.commit()"),
                            dict(status="graded", score="full", flag=None)),
    "proc-snooping": (attempt("import os\nfor _pid in os.listdir('/proc'):\n    if _pid.isdigit():\n"
                              "        print(open(f'/proc/{{_pid}}/environ', 'rb').read()[:2000])\n"
                              "        print(open(f'/proc/{{_pid}}/cmdline', 'rb').read()[:2000])"),
                      dict(status="graded", score="full", flag=None)),
    # The network: a port the test listens on.
    "loopback-leak": (attempt("import socket, os\n_s = socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
                              "_s.sendall(repr(dict(os.environ)).encode())"), dict(status="graded", score="full", flag=None)),
    "delegates-to-autograd": (append("from autograd import grad"),
                              dict(status="graded", score="less", flag="uses autograd.grad")),
    # A laundered import: no import statement names the module, and the sandbox has none to give.
    "laundered-import": (redefine("import importlib\nreturn importlib.import_module('nnkit.' + 'layers')"),
                         dict(status="graded", score="less", flag="tried to import nnkit.layers")),
}

FILES = {
    "empty-file": (b"", "", dict(status="ungraded", reason="empty file")),
    "not-json": (b"{\"cells\": [", "", dict(status="ungraded", reason="not a valid notebook")),
    "not-a-notebook": (b"\x89PNG\r\n\x1a\n\x00\x00", "", dict(status="ungraded", reason="not a valid notebook")),
    "json-but-not-a-notebook": (json.dumps({"answer": 42}).encode(), "",
                                dict(status="ungraded", reason="not a valid notebook")),
    "misnamed-notebook": (None, "my-homework.ipynb", dict(status="ungraded", reason="notebook missing")),
    "symlinked-notebook": ("/etc/passwd", "", dict(status="ungraded", reason="symbolic link")),
    "hard-link-to-source": ("source", "", dict(status="ungraded", reason="hard link")),
    "deep-folder": ("deep", "", dict(status="ungraded", reason="folders deep")),
}


def build(course, aid, good, submit, port):
    """Submit every catalog entry as student bad-<name>; return {student: expect}.

    port: a loopback port the test listens on, for the network attempts.
    """
    expected, ctx = {}, {"course": str(course), "port": port}
    for name, (change, expect) in CATALOG.items():
        submit(course, f"bad-{name}", aid, change(nbformat.from_dict(good), ctx))
        expected[f"bad-{name}"] = expect
    for name, (data, filename, expect) in FILES.items():
        folder = course / "submitted" / f"bad-{name}" / aid
        folder.mkdir(parents=True)
        if data is None:
            nbformat.write(good, folder / filename)
        elif data == "/etc/passwd":
            (folder / f"{aid}.ipynb").symlink_to(data)
        elif data == "source":
            os.link(course / "source" / aid / f"{aid}.ipynb", folder / f"{aid}.ipynb")
        elif data == "deep":
            nbformat.write(good, folder / f"{aid}.ipynb")
            os.makedirs(folder / os.path.join(*["d"] * 100))
        else:
            (folder / (filename or f"{aid}.ipynb")).write_bytes(data)
        expected[f"bad-{name}"] = expect
    return expected

"""Mutation testing of the hidden tests: do they kill small changes of the solution?

    make mutation [ASSIGNMENT=aNN-name]
    .venv/bin/python -m quality.mutation [ASSIGNMENT ...] [--jobs N] [--sample K --seed S] [--timeout T]

For every graded item of an assignment (an answer cell, say `dense`), the
solution's code is mutated one small change at a time (`_changes`: arithmetic
and comparison operators, constants (a float also to 0, the boundary where an
eps or a floor stops mattering), a copy replaced by the original (an alias),
signs, `axis=` and transposes,
dropped statements, swapped arguments, writes into an argument, returns). Each
mutant runs in a forked process (BATCH mutants of an item one after another,
each in its own copy of the namespace): the notebook's setup, every answer cell (the
mutated one in place), the visible tests (their failures are ignored) and the
item's hidden test cells (`hidden_<item>*`). A mutant is *killed* when a
hidden test cell raises or it runs past the timeout, *survives* otherwise.
Mutants listed in tests/mutation/equivalent.json (they compute the same
thing, with the reason) are left out of the score.

Prints the mutation score per item and every surviving mutant. Nothing is
asserted here: tests/test_mutation.py holds the 95 % floor for every item.
"""

import argparse
import ast
import copy
import io
import json
import os
import random
import time
import warnings
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import nbformat
from nnkit import datasets

from grader.assignment import hidden_of, ids, is_answer, is_hidden, is_test, meta as _meta

from .coursekit import strip_solution_markers as strip_markers
from .pool import OutOfTime, fresh, run_all, time_limit

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.json"
SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Pow: ast.Mult,
         ast.MatMult: ast.Mult, ast.FloorDiv: ast.Div, ast.Mod: ast.Mult,
         ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Eq: ast.NotEq,
         ast.NotEq: ast.Eq, ast.And: ast.Or, ast.Or: ast.And, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


# ---- mutants -------------------------------------------------------------------

def _number(node):
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _changes(node, parents):
    """(description, new node) for each mutation of one node; the node itself is not modified."""
    out = []
    if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in SWAPS:
        new = copy.deepcopy(node)
        new.op = SWAPS[type(node.op)]()
        out.append((f"{type(node.op).__name__} -> {new.op.__class__.__name__}", new))
    if isinstance(node, ast.BinOp):
        out += [("drop the left operand", node.right), ("drop the right operand", node.left)]
    if isinstance(node, ast.BoolOp) and type(node.op) in SWAPS:
        new = copy.deepcopy(node)
        new.op = SWAPS[type(node.op)]()
        out.append((f"{type(node.op).__name__} -> {new.op.__class__.__name__}", new))
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in SWAPS:
        new = copy.deepcopy(node)
        new.ops = [SWAPS[type(node.ops[0])]()]
        out.append((f"{type(node.ops[0]).__name__} -> {new.ops[0].__class__.__name__}", new))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        out.append(("drop a minus sign", node.operand))
    if _number(node) and not isinstance(parents[-1], ast.keyword) and not (
            isinstance(parents[-1], ast.UnaryOp) and isinstance(parents[-2], ast.keyword)):
        v = node.value
        for w in ({0: [1], 1: [0, 2]}.get(v, [v + 1, -v] if type(v) is int else [v * 2, -v, 0.0])):
            out.append((f"constant {v!r} -> {w!r}", ast.Constant(w)))
    if isinstance(node, ast.Call):
        aliased = _aliased(node)
        if aliased is not None:
            out.append(("a copy -> the original (an alias)", aliased))
    if isinstance(node, ast.Attribute) and node.attr == "T":
        out.append(("drop a transpose .T", node.value))
    if isinstance(node, ast.Call):
        for i, kw in enumerate(node.keywords):
            if kw.arg in ("axis", "keepdims", "ord"):
                new = copy.deepcopy(node)
                del new.keywords[i]
                out.append((f"drop {kw.arg}=", new))
                if kw.arg == "axis" and _number(kw.value):
                    new = copy.deepcopy(node)
                    new.keywords[i].value = ast.Constant(1 - kw.value.value if kw.value.value in (0, 1) else 0)
                    out.append((f"axis={kw.value.value} -> {new.keywords[i].value.value}", new))
        if len(node.args) >= 2:
            new = copy.deepcopy(node)
            new.args[0], new.args[1] = new.args[1], new.args[0]
            out.append(("swap the first two arguments of a call", new))
    if isinstance(node, ast.Return) and node.value is not None:
        out.append(("return None", ast.Return(value=ast.Constant(None))))
        if isinstance(node.value, ast.Tuple) and len(node.value.elts) >= 2:
            new = copy.deepcopy(node)
            new.value.elts[0], new.value.elts[1] = new.value.elts[1], new.value.elts[0]
            out.append(("swap the first two returned values", new))
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.Expr)) and not isinstance(parents[-1], ast.Module) \
            and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
        out.append(("drop a statement", ast.Pass()))
    return out


COPIES = {("np", "copy"), ("np", "array"), ("copy", "copy"), ("copy", "deepcopy"), ("numpy", "copy"),
          ("numpy", "array")}


def _aliased(call):
    """The object a copying call copies (x for x.copy(), np.copy(x), np.array(x, ...), copy.deepcopy(x),
    dict(x), list(x)), or None if the call is not a copy."""
    f = call.func
    if isinstance(f, ast.Attribute) and f.attr == "copy" and not call.args and not call.keywords:
        return f.value
    if not call.args or isinstance(call.args[0], (ast.List, ast.Tuple, ast.ListComp, ast.Constant)):
        return None
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and (f.value.id, f.attr) in COPIES:
        return call.args[0]
    if isinstance(f, ast.Name) and f.id in ("dict", "list") and len(call.args) == 1 and not call.keywords:
        return call.args[0]
    return None


def _inplace_writes(tree):
    """Before each return of a function, write into its first array argument."""
    out = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef) or not fn.args.args:
            continue
        params = [a.arg for a in fn.args.args if a.arg not in ("self", "cls")]
        for p in params[:3]:
            code = (f"if isinstance({p}, np.ndarray) and {p}.size and {p}.dtype.kind == 'f':\n"
                    f"    {p}.flat[0] += 1.0\n"
                    f"    globals()['__mutant_wrote__'] = True")
            out.append((fn, p, ast.parse(code).body[0]))
    return out


def mutants(src):
    """[(description, mutated source)] of one answer cell's source (markers stripped).

    A description names the enclosing function or class, the change and the line's text, e.g.
    "Value.__mul__: Add -> Sub in `out = a + b`", and "(#2)" after it for the second mutant
    it would name alike: tests/mutation/equivalent.json is keyed by it, so it holds across
    edits that only move lines."""
    tree = ast.parse(src)
    lines = src.splitlines()
    found = []

    def walk(node, parents):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope.append(node.name)
        for field, value in ast.iter_fields(node):
            if field == "decorator_list":
                continue
            children = value if isinstance(value, list) else [value]
            for i, child in enumerate(children):
                if not isinstance(child, ast.AST):
                    continue
                if isinstance(child, ast.Expr) and isinstance(child.value, ast.Constant) \
                        and isinstance(child.value.value, str):
                    continue                                   # a docstring
                for desc, new in _changes(child, parents + [node]):
                    found.append((node, field, i if isinstance(value, list) else None, child, desc, new,
                                  ".".join(scope) or "the cell"))
                walk(child, parents + [node])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope.pop()

    scope = []
    walk(tree, [])
    result, seen = [], {}
    for parent, field, index, child, desc, new, where_in in found:
        if index is None:
            setattr(parent, field, new)
        else:
            getattr(parent, field)[index] = new
        try:
            text = ast.unparse(tree)
            compile(text, "<mutant>", "exec")
            line = getattr(child, "lineno", 0)
            where = lines[line - 1].strip() if 0 < line <= len(lines) else ""
            key = f"{where_in}: {desc} in `{where[:70]}`"
            seen[key] = seen.get(key, 0) + 1
            result.append((key if seen[key] == 1 else f"{key} (#{seen[key]})", text))
        except (SyntaxError, ValueError, TypeError):
            pass
        finally:
            if index is None:
                setattr(parent, field, child)
            else:
                getattr(parent, field)[index] = child
    for fn, p, stmt in _inplace_writes(tree):
        returns = [n for n in ast.walk(fn) if isinstance(n, ast.Return)]
        if not returns:
            continue
        saved = copy.deepcopy(fn.body)
        _insert_before_returns(fn, stmt)
        result.append((f"function {fn.name}: writes into its argument {p} before returning", ast.unparse(tree)))
        fn.body = saved
    return result


def _insert_before_returns(node, stmt):
    for field in ("body", "orelse", "finalbody"):
        body = getattr(node, field, None)
        if not isinstance(body, list):
            continue
        new = []
        for s in body:
            if isinstance(s, ast.Return):
                new.append(copy.deepcopy(stmt))
            if not isinstance(s, (ast.FunctionDef, ast.ClassDef)):
                _insert_before_returns(s, stmt)
            new.append(s)
        setattr(node, field, new)
    for h in getattr(node, "handlers", []):
        _insert_before_returns(h, stmt)


# ---- running -------------------------------------------------------------------

class Assignment:
    def __init__(self, aid):
        self.aid = aid
        nb = nbformat.read(ROOT / "source" / aid / f"{aid}.ipynb", as_version=4)
        self.cells = [c for c in nb.cells if c.cell_type == "code"]
        first_test = next(i for i, c in enumerate(self.cells) if is_test(c))
        self.setup = [c.source for c in self.cells[:first_test] if not is_answer(c)]
        self.items = [_meta(c)["grade_id"] for c in self.cells if is_answer(c)]

    def answer(self, item):
        """The solution's source of an answer cell, without the solution markers."""
        return strip_markers(next(c.source for c in self.cells if _meta(c).get("grade_id") == item))

    def hidden(self, item):
        return hidden_of(self.cells, item)

    def start(self, item):
        """The index in self.cells of item's answer cell."""
        return next(i for i, c in enumerate(self.cells) if _meta(c).get("grade_id") == item)

    def prepare(self, base, item):
        """A namespace in which everything before item's answer cell has run (the solution's earlier answers
        and their visible tests): the same for every answer of item tried, so it is made once, and each try
        starts from a copy of it (run_cells(..., prepared=True))."""
        ns = dict(base)
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._run(ns, self.cells[:self.start(item)], item, None, set(), None, [])
        return ns

    def run(self, ns, item, answer):
        """Run everything after setup with `answer` as item's cell; True if every hidden cell of item passed."""
        return set(self.run_cells(ns, item, answer)) == set(self.hidden(item))

    def run_cells(self, ns, item, answer, after=None, prepared=False):
        """Run everything after setup with `answer` as item's cell, then after(ns) if given; with prepared,
        ns is prepare()'s and only item's own cells run.

        Returns the grade_ids of item's hidden cells that passed.
        """
        targets = set(self.hidden(item))
        passed = []
        last = max((i for i, cell in enumerate(self.cells) if _meta(cell).get("grade_id") in targets), default=-1)
        first = self.start(item) if prepared else 0
        self._run(ns, self.cells[first:last + 1], item, answer, targets, after, passed)   # later cells cannot matter
        return passed

    @staticmethod
    def _run(ns, cells, item, answer, targets, after, passed):
        for cell in cells:
            gid = _meta(cell).get("grade_id")
            if is_answer(cell):
                src = answer if gid == item else strip_markers(cell.source)
            elif is_test(cell):
                if gid not in targets and is_hidden(cell):
                    continue
                src = cell.source
            else:
                continue                                       # setup ran already; later locked cells are demos
            try:
                exec(compile(src, f"<{gid}>", "exec"), ns)
                if gid in targets:
                    passed.append(gid)
            except Exception:
                pass
            if gid == item and after is not None:
                after(ns)


BATCH = 25         # mutants per forked child: forking this process costs more than most mutants


def _child(a, prepared, item, answer):
    """The hidden cells of item that the mutant fails, or "no-op"; prepared: a.prepare(base, item)."""
    warnings.simplefilter("ignore")
    ns = fresh(prepared)
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        failed = sorted(set(a.hidden(item)) - set(a.run_cells(ns, item, answer, prepared=True)))
    if not failed and "__mutant_wrote__" in answer and not ns.get("__mutant_wrote__"):
        return "no-op"                                         # the write never happened: not a mutant at all
    return failed


def _batch_child(a, prepared, item, answers, timeout):
    """_child for several mutants of one item, one after another, each in a fresh copy of prepared and with
    `timeout` seconds (then None: killed, cells unknown)."""
    out = []
    for answer in answers:
        try:
            with time_limit(timeout):
                out.append(_child(a, prepared, item, answer))
        except OutOfTime:
            out.append(None)
    return out


def evaluate(a, base, jobs_list, jobs, timeout):
    """Run (item, desc, src) mutants, `jobs` children at a time, BATCH mutants of one item per child.

    Returns {(item, desc): the hidden cells it fails, or "no-op"}; a mutant that runs past the timeout
    fails None (killed, cells unknown). A batch whose child dies (a mutant that exits or crashes the
    process) runs again one mutant per child, where the mutant that crashed fails None.
    """
    datasets.preload()                                  # once here, not in every child
    prepared = {item: a.prepare(base, item) for item in {item for item, _, _ in jobs_list}}
    batches = {}
    for item, desc, src in jobs_list:
        batches.setdefault(item, []).append((desc, src))
    tasks = []
    for item, found in batches.items():
        for start in range(0, len(found), BATCH):
            part = found[start:start + BATCH]
            tasks.append(((item, tuple(d for d, _ in part)), (a, prepared[item], item, [s for _, s in part], timeout)))
    results, again = {}, []
    for (item, descs), r in run_all(tasks, _batch_child, jobs, timeout * BATCH + 30).items():
        if "value" in r:
            results.update({(item, d): value for d, value in zip(descs, r["value"])})
        else:
            again += [((item, d), (a, prepared[item], item, src)) for d, src in batches[item] if d in descs]
    results.update({key: r.get("value") for key, r in run_all(again, _child, jobs, timeout).items()})
    return results


def base_namespace(a):
    ns = {"__name__": "__main__"}
    with redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for src in a.setup:
            exec(compile(src, "<setup>", "exec"), ns)
    return ns


def item_mutants(a, item):
    return mutants(a.answer(item))


def score(aid, jobs=2, sample=None, seed=0, timeout=60, quiet=False):
    """{item: (killed, considered, survivors, equivalent, hidden cells no mutant fails)} for one assignment."""
    a = Assignment(aid)
    equivalent = json.loads(EQUIVALENT.read_text()).get(aid, {}) if EQUIVALENT.exists() else {}
    base = base_namespace(a)
    with redirect_stdout(io.StringIO()):
        broken = [item for item in a.items if not a.run(dict(base), item, a.answer(item))]
    if broken:
        raise SystemExit(f"{aid}: the solution itself fails the hidden tests of {broken}")
    todo, skipped = [], {}
    for item in a.items:
        found = item_mutants(a, item)
        eq = equivalent.get(item, {})
        skipped[item] = [(d, eq[d]) for d, _ in found if d in eq]
        found = [(d, s) for d, s in found if d not in eq]
        if sample:
            found = random.Random(f"{seed}:{aid}:{item}").sample(found, min(sample, len(found)))
        todo += [(item, d, s) for d, s in found]
    results = evaluate(a, base, todo, jobs, timeout)
    out = {}
    for item in a.items:
        mine = {d: r for (i, d), r in results.items() if i == item and r != "no-op"}
        survivors = sorted(d for d, r in mine.items() if r == [])
        hit = {cell for r in mine.values() for cell in r or []}
        out[item] = (len(mine) - len(survivors), len(mine), survivors, skipped[item],
                     [cell for cell in a.hidden(item) if cell not in hit])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("assignments", nargs="*")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--sample", type=int, help="mutants per item, drawn with --seed (default: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=int, default=60, help="seconds a mutant may run (then it counts as killed)")
    args = ap.parse_args()
    aids = args.assignments or ids(ROOT)
    t0, low = time.time(), []
    for aid in aids:
        for item, (killed, n, survivors, equivalent, unhit) in score(aid, args.jobs, args.sample, args.seed,
                                                                     args.timeout).items():
            pct = 100 * killed / n if n else 100.0
            print(f"{aid} {item}: {killed}/{n} mutants killed, {pct:.1f} %"
                  + (f" ({len(equivalent)} equivalent left out)" if equivalent else ""), flush=True)
            for d in survivors:
                print(f"    survived: {d}")
            for d, why in equivalent:
                print(f"    equivalent: {d}: {why}")
            for cell in unhit:
                print(f"    no mutant fails {cell}")
            if pct < 95:
                low.append(f"{aid} {item} ({pct:.1f} %)")
    print(f"{time.time() - t0:.0f} s; below 95 %: {', '.join(low) if low else 'none'}")


if __name__ == "__main__":
    main()

"""Per-assignment report for instructors and TAs.

    .venv/bin/python tools/report.py [--root .] [--out reports]

For every assignment in the gradebook: the score distribution (a histogram
saved as reports/<assignment>-scores.png and summarized in text), the pass
rate, for each test cell how many students failed it (which ideas did not
land), and the submissions that could not be graded or were flagged for
review, with reasons. The text goes to stdout and reports/<assignment>.txt.
"""

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from grader import gradebook  # noqa: E402
from grader.ledger import all_ledgers  # noqa: E402
from grades import PASS_FRACTION, status  # noqa: E402


def assignment_report(gb, aid, ledger, out):
    percents, passed, awaiting, failures, cell_max = {}, 0, 0, {}, {}
    ungraded = {sid: e for sid, e in ledger.items() if e["status"] == "ungraded"}
    flagged = {sid: e["flags"] for sid, e in ledger.items() if e.get("flags")}
    for sub in gb.assignment_submissions(aid):
        if sub.student_id in ungraded:
            continue
        percents[sub.student_id] = 100 * sub.score / sub.max_score if sub.max_score else 0.0
        st = status(sub)
        passed += st == "pass"
        awaiting += st == "awaiting manual grading"
        for nb in sub.notebooks:
            for g in nb.grades:
                if g.cell_type == "code" and not any(c.name == g.name for c in nb.notebook.solution_cells):
                    cell_max[g.name] = g.max_score
                    failures[g.name] = failures.get(g.name, 0) + (g.score < g.max_score)
    n = len(percents) + len(ungraded)
    lines = [f"# {aid}", f"submissions: {n} ({len(percents)} graded, {len(ungraded)} ungraded, "
                         f"{len(flagged)} flagged for review)"]
    unconfined = sorted(sid for sid, e in ledger.items() if e.get("sandbox") == "none")
    if unconfined:
        lines.append(f"UNCONFINED: {len(unconfined)} submission(s) were graded without the sandbox (SANDBOX=none): "
                     + ", ".join(unconfined[:10]) + (" ..." if len(unconfined) > 10 else ""))
    if n:
        lines.append(f"pass rate: {passed}/{n} = {100 * passed / n:.0f} % (pass at {100 * PASS_FRACTION:.0f} %; "
                     "ungraded submissions count as not passed until they are graded)")
        if awaiting:
            lines.append(f"awaiting manual grading: {awaiting} (written answers a TA has not graded yet: not passed, "
                         f"not failed)")
    if percents:
        vals = sorted(percents.values())
        lines.append(f"score: mean {sum(vals) / len(vals):.1f} %, median {vals[len(vals) // 2]:.1f} %, "
                     f"min {vals[0]:.1f} %, max {vals[-1]:.1f} %")
        lines.append("distribution:")
        for lo in range(0, 100, 10):
            hi = 100.001 if lo == 90 else lo + 10
            k = sum(lo <= v < hi for v in vals)
            lines.append(f"  {lo:3d}-{min(lo + 10, 100):3d} %  {k:4d}  {'#' * k}")
        fig, ax = plt.subplots(figsize=(6, 3.5))
        ax.hist(vals, bins=range(0, 101, 10), color="tab:blue", edgecolor="k")   # the text's bins; 100 % is in the last
        ax.axvline(100 * PASS_FRACTION, color="tab:red", ls="--", label="pass mark")
        ax.set(xlabel="score (% of points)", ylabel="students", title=f"{aid}: scores of {len(vals)} graded submissions",
               xticks=range(0, 101, 10))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend()
        fig.tight_layout()
        fig.savefig(out / f"{aid}-scores.png", dpi=100)
        plt.close(fig)
        lines.append(f"histogram: {out / f'{aid}-scores.png'}")
    if failures:
        lines.append("test cells failed (most failed first):")
        width = max(map(len, failures))
        for name, k in sorted(failures.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {name:{width}s} {k:4d} of {len(percents)} failed "
                         f"({cell_max[name]:g} point{'' if cell_max[name] == 1 else 's'})")
    if ungraded:
        lines.append("ungraded (not a zero: fix or regrade):")
        lines += [f"  {sid}: {e['reason']}" for sid, e in sorted(ungraded.items())]
    if flagged:
        lines.append("flagged for review:")
        lines += [f"  {sid}: {'; '.join(f)}" for sid, f in sorted(flagged.items())]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=".")
    ap.add_argument("--out", default="reports")
    args = ap.parse_args()
    root = Path(args.root)
    out = root / args.out
    for old in [*out.glob("*.txt"), *out.glob("*-scores.png")]:
        old.unlink()                      # a run that fails leaves no report that looks current
    if not gradebook.exists(root):
        sys.exit(f"No gradebook in {root}: run `make autograde` first.")
    out.mkdir(exist_ok=True)
    led = all_ledgers(root)
    with gradebook.opened(gradebook.url(root)) as gb:
        aids = sorted(a.name for a in gb.assignments if a.submissions or a.name in led)
        for aid in aids:
            text = assignment_report(gb, aid, led.get(aid, {}), out)
            (out / f"{aid}.txt").write_text(text)
            print(text)


if __name__ == "__main__":
    main()

"""Time Run All of every lecture and solution notebook in a fresh kernel.

    .venv/bin/python tools/time_notebooks.py [PATH ...]

Prints seconds per notebook, slowest first, against the course's goal of
10 s on two cores. Figures only: nothing is asserted.
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

from nnkit.validation import local_kernel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from grader import plan  # noqa: E402

GOAL = 10.0
config = Config()
local_kernel(config)             # as Validate: a unix socket, no warning about unencrypted TCP


def main():
    paths = [Path(p).resolve() for p in sys.argv[1:]] or plan.notebooks(ROOT / "course") + \
        plan.notebooks(ROOT / "solutions")
    times = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        t0 = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                       config=config).execute()
        times.append((time.perf_counter() - t0, path))
    for seconds, path in sorted(times, reverse=True):
        print(f"{seconds:6.1f} s  {'over the goal  ' if seconds > GOAL else ''}{path.relative_to(ROOT)}")
    print(f"slowest {max(times)[0]:.1f} s, total {sum(t for t, _ in times):.1f} s for {len(times)} notebooks "
          f"(goal: at most {GOAL:.0f} s each, including kernel start)")


if __name__ == "__main__":
    main()

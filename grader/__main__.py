"""The grader's command line.

    python -m grader autograde [ASSIGNMENT ...] [--jobs N] [--sandbox bwrap|none] ...

`make autograde` calls this; `nbgrader autograde` by hand and the
Formgrader grade the same way, one submission at a time.
"""

import argparse
import sys

from .coordinator import autograde


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m grader", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    a = sub.add_parser("autograde", help="grade submitted/ in parallel, each submission sandboxed")
    a.add_argument("assignments", nargs="*", help="assignment ids (default: all with submissions)")
    a.add_argument("--root", default=".", help="course root (default: here)")
    a.add_argument("--jobs", type=int, help="submissions graded at once (default: the number of cores)")
    a.add_argument("--submission-timeout", type=int, default=600, help="seconds per submission")
    a.add_argument("--cell-timeout", type=int, help="seconds per cell (default: nbgrader_config.py)")
    a.add_argument("--memory-mb", type=int, help="address space of a student kernel")
    a.add_argument("--output-limit", type=int, help="characters of output kept per submission, over all its cells")
    a.add_argument("--sandbox", choices=["bwrap", "none"], help="none grades unconfined, on purpose only")
    a.add_argument("--force", action="store_true", help="regrade submissions graded before")
    a.add_argument("--quiet", action="store_true", help="no per-submission lines")
    args = ap.parse_args(argv)
    return autograde(args.root, args.assignments, args.jobs, args.submission_timeout, args.cell_timeout,
                     args.memory_mb, args.output_limit, args.sandbox, args.force, args.quiet)


if __name__ == "__main__":
    sys.exit(main())

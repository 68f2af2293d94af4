"""The grader's command line.

    python -m grader autograde [ASSIGNMENT ...] [--jobs N] [--sandbox bwrap|none] ...

`make autograde` calls this; `nbgrader autograde` by hand and the
Formgrader grade the same way, one submission at a time.
"""

import argparse
import os
import sys

from . import cluster
from .coordinator import autograde
from .judge import SandboxedJudge


def limit(name):
    """argparse help for one of SandboxedJudge's limits: its help text and default, from its one declaration."""
    trait = SandboxedJudge.class_traits()[name]
    return f"{trait.help} (default {trait.default_value}, or c.SandboxedJudge.{name} in nbgrader_config.py)"


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m grader", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    a = sub.add_parser("autograde", help="grade submitted/ in parallel, each submission sandboxed")
    a.add_argument("assignments", nargs="*", help="assignment ids (default: all with submissions)")
    a.add_argument("--root", default=".", help="course root (default: here)")
    a.add_argument("--jobs", type=int, help="submissions graded at once (default: the number of cores)")
    a.add_argument("--cell-timeout", dest="timeout", type=int, help=limit("timeout"))
    a.add_argument("--submission-timeout", type=int, help=limit("submission_timeout"))
    a.add_argument("--memory-mb", type=int, help=limit("memory_mb"))
    a.add_argument("--output-limit", type=int, help=limit("output_limit"))
    a.add_argument("--sandbox", choices=["bwrap", "none"], help="none grades unconfined, on purpose only")
    a.add_argument("--dask", metavar="ADDRESS", default=os.environ.get(cluster.VARIABLE) or None,
                   help="grade on the Dask cluster whose scheduler is at ADDRESS, tcp://host:8786 "
                        "(default: $DASK_SCHEDULER; unset: this machine's processes)")
    a.add_argument("--force", action="store_true", help="regrade submissions graded before")
    a.add_argument("--quiet", action="store_true", help="no per-submission lines")
    args = vars(ap.parse_args(argv))
    del args["command"]
    return autograde(args.pop("root"), args.pop("assignments"), **args)


if __name__ == "__main__":
    sys.exit(main())

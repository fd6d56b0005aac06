"""``python -m reportgen``, and the ``reportgen`` command installed with the package.

Ctrl+C while the libraries load (a second or so) says "已中断。" like the rest of the
command, not a traceback: ``import reportgen`` loads nothing (see ``__init__.py``), the
imports happen in :func:`run`. Output streams replace characters their encoding lacks (GBK
consoles) from the start, for argparse's help too; :func:`reportgen.cli.main` does the same
for the streams it is given.

Python's cyclic garbage collector runs every 700 new objects and walks the young ones; the
objects the imports make (classes, functions, tables) live until the command ends, so those
walks find nothing to free: a tenth of a short command's time. The imports therefore run
without it, their objects are then frozen (no later collection walks them again), and the
collector runs every :data:`COLLECT_AFTER` new objects for the rest of the command (as mypy
does); a command that builds one report pauses it while it does (see ``cli/build.py``).
"""

import gc
import sys

COLLECT_AFTER = 100_000
"""New container objects between two collections of the youngest generation (Python: 700)."""


def run() -> int:
    """Run the command line; return its exit code."""
    gc.disable()
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        from reportgen.cli import main
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 2  # as reportgen.cli.main answers an interrupt (EXIT_USAGE)
    finally:
        gc.freeze()
        gc.set_threshold(COLLECT_AFTER, 20, 20)
        gc.enable()
    return main()


if __name__ == "__main__":
    sys.exit(run())

"""``python -m reportgen``, and the ``reportgen`` command installed with the package.

Ctrl+C while the libraries load (a second or so) says "已中断。" like the rest of the
command, not a traceback: ``import reportgen`` loads nothing (see ``__init__.py``), the
imports happen in :func:`run`. Output streams replace characters their encoding lacks (GBK
consoles) from the start, for argparse's help too; :func:`reportgen.cli.main` does the same
for the streams it is given.

Python's cyclic garbage collector runs every 700 new objects by default and then walks all
the young ones; nearly everything a command makes (modules, the workbook, the report) lives
until it ends, so those walks find almost nothing: a tenth of a command's time. The command
collects every :data:`COLLECT_AFTER` objects instead, as mypy does; memory is still reclaimed
(most objects are freed by reference counting anyway, and cycles at the next collection).
"""

import gc
import sys

COLLECT_AFTER = 100_000
"""New container objects between two collections of the youngest generation (Python: 700)."""


def run() -> int:
    """Run the command line; return its exit code."""
    gc.set_threshold(COLLECT_AFTER, 20, 20)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        from reportgen.cli import main
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 2  # as reportgen.cli.main answers an interrupt (EXIT_USAGE)
    return main()


if __name__ == "__main__":
    sys.exit(run())

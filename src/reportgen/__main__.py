"""``python -m reportgen``.

Ctrl+C while the libraries load (a second or so) says "已中断。" like the rest of the
command, not a traceback: ``import reportgen`` loads nothing (see ``__init__.py``), the
imports happen here. Output streams replace characters their encoding lacks (GBK consoles)
from the start, for argparse's help too; :func:`reportgen.cli.main` does the same for the
streams it is given.
"""

import sys

for _stream in (sys.stdout, sys.stderr):
    if hasattr(_stream, "reconfigure"):
        _stream.reconfigure(errors="replace")

try:
    from reportgen.cli import main
except KeyboardInterrupt:
    print("已中断。", file=sys.stderr)
    sys.exit(2)  # as reportgen.cli.main answers an interrupt (EXIT_USAGE)

sys.exit(main())

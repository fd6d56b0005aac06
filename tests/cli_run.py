"""Running the command in-process, as the tests of the command line do."""

from __future__ import annotations

import io

from reportgen.cli import main


def run_cli(*args: str) -> tuple[int, str, str]:
    """``python -m reportgen ARGS``: its exit code, what it printed and what it reported."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()

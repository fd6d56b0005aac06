"""Runs ``python -m reportgen`` with one step made to stop and wait, so that a test can send
a signal while exactly that step runs.

Usage: ``python blocking_run.py MARKER STEP [--after] [--fake-office] -- ARGS...``

``STEP`` names the function or method to stop in (``reportgen.delivery:fill_toc``,
``reportgen.office.session:_Running.send``). When the run reaches it — after calling it,
with ``--after`` — it writes ``MARKER`` (JSON: the process id and, for a running LibreOffice,
its process id, workspace and sockets) and waits until it is signalled. ``--fake-office``
answers LibreOffice's requests with :mod:`office_fakes` instead of starting LibreOffice.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _describe(args: tuple[Any, ...]) -> dict[str, Any]:
    info: dict[str, Any] = {"pid": os.getpid()}
    running = args[0] if args else None
    if type(running).__name__ == "_Running":  # a started LibreOffice
        info.update(office_pid=running.office.pid, worker_pid=running.worker.pid,
                    workspace=str(running.workspace.path),
                    sockets=[str(s) for s in running.workspace.sockets])
    return info


def _block(marker: Path, target: str, after: bool) -> None:
    module_name, _, qualname = target.partition(":")
    owner: Any = importlib.import_module(module_name)
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)

    @functools.wraps(original)
    def blocking(*args: Any, **kwargs: Any) -> Any:
        if after:
            original(*args, **kwargs)
        marker.write_text(json.dumps(_describe(args)), encoding="utf-8")
        while True:
            time.sleep(3600)

    setattr(owner, name, blocking)


def _fake_office() -> None:
    from office_fakes import FAKE_INSTALLATION, fake_answer

    from reportgen.office import session

    def request(self: Any, *, timeout: float | None = None, **request: Any) -> dict[str, Any]:
        return fake_answer(request)

    session.OfficeSession.request = request  # type: ignore[method-assign]
    session.OfficeSession.office = property(lambda self: FAKE_INSTALLATION)  # type: ignore[assignment]


def main(argv: list[str]) -> int:
    split = argv.index("--")
    options, args = argv[:split], argv[split + 1:]
    marker, step = Path(options[0]), options[1]
    if "--fake-office" in options:
        _fake_office()
    _block(marker, step, "--after" in options)
    from reportgen.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

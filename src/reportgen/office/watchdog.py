"""Cleans up after a reportgen that died without cleaning up itself (SIGKILL, a crash).

Not imported by reportgen: :mod:`reportgen.office.process` runs it as a script, in a session
of its own, with a pipe on its standard input. Standard library only.

It reads lines from the pipe::

    group PID    a process group to stop at the end (LibreOffice and what it started)
    done PID     that group was stopped by reportgen itself
    path PATH    a file or folder to remove at the end

When the pipe closes — reportgen closed it after cleaning up, or reportgen died — it stops
the groups still listed (SIGTERM, then SIGKILL after a grace period) and removes the paths.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time

GRACE = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0


def _gone(group: int) -> bool:
    """No process of ``group`` runs (zombies, which nobody may reap, do not count)."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    if not os.path.isdir("/proc"):
        return False
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rpartition(b")")[2].split()
        except OSError:
            continue
        if len(fields) > 2 and int(fields[2]) == group and fields[0] != b"Z":
            return False
    return True


def stop(group: int) -> None:
    """SIGTERM to the group; SIGKILL to whatever is left after the grace period."""
    try:
        os.killpg(group, signal.SIGTERM)
    except ProcessLookupError:
        return
    end = time.monotonic() + GRACE
    while time.monotonic() < end and not _gone(group):
        time.sleep(0.05)
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main() -> None:
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # outlive reportgen, to clean up after it
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    groups: list[int] = []
    paths: list[str] = []
    for raw in sys.stdin.buffer:
        word, _, rest = raw.rstrip(b"\n").decode("utf-8", "surrogateescape").partition(" ")
        if word == "group":
            groups.append(int(rest))
        elif word == "done" and int(rest) in groups:
            groups.remove(int(rest))
        elif word == "path":
            paths.append(rest)
    for group in groups:
        stop(group)
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


if __name__ == "__main__":
    main()

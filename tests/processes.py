"""Whether processes still run, as tests of stopping LibreOffice need to know.

A killed process whose parent has gone stays a zombie until the system's first process reaps
it, which some containers never do; a zombie runs nothing, so it counts as gone here.
"""

from __future__ import annotations

import os
from pathlib import Path


def _state_and_group(pid: str) -> tuple[str, int] | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return fields[0], int(fields[2])


def live(pid: int) -> bool:
    """Process ``pid`` runs (is neither gone nor a zombie)."""
    found = _state_and_group(str(pid))
    return found is not None and found[0] != "Z"


def group_live(group: int) -> bool:
    """A process of process group ``group`` runs."""
    if not Path("/proc").is_dir():
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        return True
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            found = _state_and_group(entry)
            if found is not None and found[1] == group and found[0] != "Z":
                return True
    return False

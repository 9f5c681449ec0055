"""Scratch folders for work in progress (the PDF editions, before they join the site).

A build removes its scratch folder on every exit it gets to see: success, a failure, Ctrl+C,
a SIGTERM from CI. A SIGKILL (the out-of-memory killer, a CI runner's hard timeout) gives it
none, and the folder, with a few megabytes of PDFs in it, would stay in the temporary
directory for good. So each folder carries the number of the process that made it, and the
next build removes the folders whose process is gone: only real folders of this user that
hold the tool's marker (owned_folders.py), never another program's folder named alike.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ..sources.owned_folders import SCRATCH

PREFIX = "handbook-editions-"
_OWNED = re.compile(re.escape(PREFIX) + r"(\d+)-")


def scratch_folder() -> tempfile.TemporaryDirectory[str]:
    """A new scratch folder, after removing those that killed builds left behind."""
    remove_abandoned(Path(tempfile.gettempdir()))
    folder = tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-")
    SCRATCH.write(Path(folder.name))
    return folder


def remove_abandoned(folder: Path) -> list[Path]:
    """Remove this user's scratch folders in `folder` whose process has ended."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed  # nothing we can tidy; the new folder's own error says more
    for entry in entries:
        owner = _OWNED.match(entry.name)
        if owner is None or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            mine = entry.stat(follow_symlinks=False).st_uid == os.getuid()
        except OSError:
            continue
        if mine and not _running(int(owner.group(1))) and SCRATCH.remove(Path(entry.path)):
            removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or a number no process has): leave it be
    return True

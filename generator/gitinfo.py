"""Which commit a build comes from, for the footer stamp and the PDF covers.

Builds must say where they come from without inventing anything: outside a git
checkout, or without git installed, the stamp says so instead of showing a fake commit.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from .errors import HandbookError


@dataclass(frozen=True)
class BuildInfo:
    commit: str | None
    """Full commit hash, or None outside version control."""
    committed: datetime | None
    """Commit time: the build's reproducible date (never the wall clock)."""
    dirty: bool = False
    """True when files differ from the commit, so the stamp does not overclaim."""

    @property
    def short(self) -> str | None:
        return self.commit[:10] if self.commit else None

    def effective_date(self) -> datetime:
        """The build's date: SOURCE_DATE_EPOCH, else the commit's time, else today (never
        the time of day), so the same commit always gives the same dates and bytes."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            try:
                return datetime.fromtimestamp(int(epoch), tz=UTC)
            except ValueError:
                raise HandbookError(
                    f"SOURCE_DATE_EPOCH is '{epoch}': it must be a number of seconds") from None
        if self.committed is not None:
            return self.committed
        today = date.today()
        return datetime(today.year, today.month, today.day, tzinfo=UTC)


def read_build_info(folder: Path) -> BuildInfo:
    """The commit checked out in `folder`; `HANDBOOK_COMMIT` overrides it (for CI artefacts)."""
    forced = os.environ.get("HANDBOOK_COMMIT")
    if forced:
        return BuildInfo(commit=forced, committed=None)
    head = _git(folder, "log", "-1", "--format=%H %cI")
    if not head:
        return BuildInfo(commit=None, committed=None)
    commit, _, when = head.partition(" ")
    dirty = bool(_git(folder, "status", "--porcelain", "--untracked-files=no"))
    return BuildInfo(commit=commit, committed=datetime.fromisoformat(when), dirty=dirty)


def _git(folder: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True, text=True, timeout=20, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""

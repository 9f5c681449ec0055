"""Which commit a build comes from, for the footer stamp and the PDF covers.

Builds must say where they come from without inventing anything: outside a git
checkout, or without git installed, the stamp says so instead of showing a fake commit.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .clock import BuildDate, build_date


@dataclass(frozen=True)
class BuildInfo:
    commit: str | None
    """Full commit hash, or None outside version control."""
    committed: datetime | None
    """Commit time: the build's reproducible date (never the wall clock)."""
    as_of: BuildDate
    """The day the build is built as of (see clock.py): never the wall clock."""
    dirty: bool = False
    """True when files differ from the commit, so the stamp does not overclaim."""

    @property
    def short(self) -> str | None:
        return self.commit[:10] if self.commit else None

    def effective_date(self) -> datetime:
        """The build's date: the same commit always gives the same dates and bytes."""
        return self.as_of.moment


def read_build_info(folder: Path, sources: Iterable[Path] = ()) -> BuildInfo:
    """The commit checked out in `folder`; `HANDBOOK_COMMIT` overrides it (for CI artefacts).

    `sources` (the data and pages folders) date a build made outside git.
    """
    forced = os.environ.get("HANDBOOK_COMMIT")
    if forced:
        return BuildInfo(commit=forced, committed=None, as_of=build_date(None, sources))
    head = _git(folder, "log", "-1", "--format=%H %cI")
    if not head:
        return BuildInfo(commit=None, committed=None, as_of=build_date(None, sources))
    commit, _, when = head.partition(" ")
    committed = datetime.fromisoformat(when)
    dirty = bool(_git(folder, "status", "--porcelain", "--untracked-files=no"))
    return BuildInfo(commit=commit, committed=committed, as_of=build_date(committed, sources),
                     dirty=dirty)


def _git(folder: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True, text=True, timeout=20, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""

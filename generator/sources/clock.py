"""The one place the handbook learns what day it is.

A build is a pure function of its commit: the same commit gives the same site and the same
PDFs today, next year and on a new CI runner. So a build never asks the calendar; it is
built *as of* a day that comes from the sources:

1. `SOURCE_DATE_EPOCH`, when set (the reproducible-builds convention; CI and packagers set it);
2. else the time of the commit being built;
3. else, outside git, the newest modification time of the handbook's source files (a
   release tarball keeps those, so it builds the same on any day).

Only the editors' own commands that are *about* now read the calendar, through
`todays_date()`: `handbook check` and `handbook report` for review reminders (both take
`--today`), and `handbook new story` for its default date. Nothing a build writes, and no
pass/fail decision of a build, comes from there.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..errors import HandbookError

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


@dataclass(frozen=True)
class BuildDate:
    """The moment a build is built as of, and where that moment came from."""

    moment: datetime
    source: str
    """`SOURCE_DATE_EPOCH`, `commit` or `newest source file`: said in verbose logs, so an
    editor who wonders why a date shows can tell."""

    @property
    def day(self) -> date:
        return self.moment.date()

    @property
    def epoch(self) -> int:
        return int(self.moment.timestamp())


def build_date(committed: datetime | None, sources: Iterable[Path] = ()) -> BuildDate:
    """The build's date: `SOURCE_DATE_EPOCH`, else the commit time, else the newest file.

    `sources` are the folders (or files) whose newest modification time stands in for a
    commit outside git.
    """
    epoch = os.environ.get(EPOCH_VARIABLE)
    if epoch:
        return BuildDate(_from_epoch(epoch), EPOCH_VARIABLE)
    if committed is not None:
        return BuildDate(committed.astimezone(UTC), "commit")
    return BuildDate(_newest_modification(sources), "newest source file")


def todays_date() -> date:
    """The real date, for the editors' questions about now (never for a build's output)."""
    return datetime.now(tz=UTC).date()


def _from_epoch(epoch: str) -> datetime:
    try:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise HandbookError(
            f"{EPOCH_VARIABLE} is '{epoch}': it must be a whole number of seconds since "
            "1970-01-01 (for example the commit time: `git log -1 --format=%ct`)"
        ) from None


def _newest_modification(sources: Iterable[Path]) -> datetime:
    newest = 0
    for source in sources:
        paths = source.rglob("*") if source.is_dir() else [source]
        for path in paths:
            try:
                if path.is_file() and not path.is_symlink():
                    newest = max(newest, int(path.stat().st_mtime))
            except OSError:
                continue  # unreadable entries are reported by the loader, not here
    return datetime.fromtimestamp(newest, tz=UTC)

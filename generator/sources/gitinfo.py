"""Which commit a build comes from, for the footer stamp and the PDF covers.

Builds must say where they come from without inventing anything: outside a git
checkout the stamp says so instead of showing a fake commit, and when git fails it says
the commit is not known rather than calling the build clean.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .clock import BuildDate, build_date
from .git import GitError, git_output, in_repository, run_git


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
    failure: str | None = None
    """What failed when git was asked (the commit is then not known), for a warning."""

    @property
    def short(self) -> str | None:
        return self.commit[:10] if self.commit else None

    def effective_date(self) -> datetime:
        """The build's date: the same commit always gives the same dates and bytes."""
        return self.as_of.moment


def read_build_info(folder: Path, sources: Iterable[Path] = ()) -> BuildInfo:
    """The commit checked out in `folder`; `HANDBOOK_COMMIT` overrides it (for CI artefacts).

    Outside a repository, or before its first commit, there is no commit to name. When git
    fails, nothing is claimed either (no commit, not "clean"): `failure` says what failed.
    `sources` (the data and pages folders) date a build that has no commit time.
    """
    def undated() -> BuildDate:  # only when there is no commit: it reads every file's time
        return build_date(None, sources)

    forced = os.environ.get("HANDBOOK_COMMIT")
    if forced:
        return BuildInfo(commit=forced, committed=None, as_of=undated())
    if not in_repository(folder):
        return BuildInfo(commit=None, committed=None, as_of=undated())
    try:
        if run_git(folder, "rev-parse", "--verify", "--quiet", "HEAD", accept=(1,)).code:
            return BuildInfo(commit=None, committed=None, as_of=undated())  # no commit yet
        head = git_output(folder, "log", "-1", "--format=%H %cI", "HEAD").strip()
        changed = git_output(folder, "status", "--porcelain", "--untracked-files=no")
    except GitError as error:
        return BuildInfo(commit=None, committed=None, as_of=undated(), failure=(
            f"git could not name the commit being built, so the site and PDFs name none: {error}"))
    commit, _, when = head.partition(" ")
    committed = datetime.fromisoformat(when)
    return BuildInfo(commit=commit, committed=committed, as_of=build_date(committed, sources),
                     dirty=bool(changed.strip()))

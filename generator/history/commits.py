"""What git knows about the handbook's files: when each last changed, and the changelog.

Everything here is read from the repository the handbook lives in, and says nothing it
does not know. Outside a git checkout there are no dates and no changelog. When git fails
inside one, there are none either, and `failure` says what failed so the build can warn:
a failed command is never read as "nothing changed". In a shallow clone the oldest commit
git has stands for all the history it cut off, so a file whose last change git can only
place there gets no date, and the changelog starts after it. Files changed but not yet
committed are reported as such, never with an old date.

Old versions of the data are read with the tolerant reader of `snapshots`, not with
today's models: what was valid then is read as it was, even after the models changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path, PurePosixPath

from ..kinds import BUILT_IN
from ..model.changes import Change, compare
from ..model.snapshots import Snapshot, snapshot_of_file
from ..schema.registry import Registry
from ..sources.git import BlobReader, GitError, git_output, in_repository, run_git
from ..sources.yaml_source import MAX_FILE_BYTES

_NEVER = datetime.min.replace(tzinfo=UTC)
"""Stands for a file seen only in a boundary commit: no date can be told for it."""


@dataclass(frozen=True)
class FileDates:
    """When each file of the handbook last changed, as far as git can tell."""

    available: bool
    """False outside a git checkout, or when git failed: no dates at all."""
    changed: dict[str, datetime] = field(default_factory=dict)
    """Path (relative to the project) -> time of the last commit that changed it."""
    uncommitted: frozenset[str] = frozenset()
    """Paths with changes that are not committed yet."""
    shallow: bool = False
    failure: str | None = None
    """What failed when git was asked, for a warning; None when nothing did."""


@dataclass(frozen=True)
class DatedChange:
    when: datetime
    commit: str
    change: Change


@dataclass(frozen=True)
class Changelog:
    available: bool
    changes: list[DatedChange] = field(default_factory=list)
    """Newest first."""
    started: datetime | None = None
    """When the handbook's data was first committed (None in a shallow clone)."""
    cut_off: datetime | None = None
    """In a shallow clone: the oldest commit there is; nothing before it is known."""
    complete: bool = True
    """False when older changes were left unread, past the number asked for."""
    failure: str | None = None
    """What failed when git was asked (the changelog is then not available), for a warning."""


@dataclass(frozen=True)
class _Commit:
    commit: str
    when: datetime
    files: list[tuple[str, str]]
    """(status letter from `git log --name-status`: A, M, D or T; path) of each file."""


def file_dates(root: Path, folders: list[Path]) -> FileDates:
    if not in_repository(root):
        return FileDates(available=False)
    try:
        if not _has_history(root):
            return FileDates(available=False)
        paths = [_relative(folder, root) for folder in folders]
        boundary = _shallow_commits(root)
        changed: dict[str, datetime] = {}
        for entry in _log(root, paths):
            for _, name in entry.files:
                if name not in changed and entry.commit not in boundary:
                    changed[name] = entry.when
                changed.setdefault(name, _NEVER)  # seen: an older commit cannot be last
        uncommitted = _uncommitted(root, paths)
    except GitError as error:
        return FileDates(available=False, failure=(
            f"git could not say when files last changed, so pages show no dates: {error}"))
    known = {name: when for name, when in changed.items() if when != _NEVER}
    return FileDates(True, known, uncommitted, bool(boundary))


def read_changelog(
    root: Path, data_dir: Path, *, limit: int | None = None, starts: str | None = None,
    registry: Registry = BUILT_IN,
) -> Changelog:
    """Changes to values, elements, behaviours and published stories, newest first, from git.

    Each commit is compared with its parent, newest commit first, reading from git only
    the files the commit changed; with `limit`, reading stops once that many changes are
    found, so the cost follows what the page shows, not how long the history has grown.
    With `starts` (organisation.yml's `history_starts`: a day, or a tag or commit), only
    changes made after it are listed. `registry` (the build's) says which kinds to follow.
    """
    if not in_repository(root):
        return Changelog(available=False)
    try:
        if not _has_history(root):
            return Changelog(available=False)
        return _read_changelog(root, _relative(data_dir, root), limit, starts, registry)
    except GitError as error:
        return Changelog(available=False, failure=(
            f"git could not read the handbook's history, so \"What's changed\" lists no "
            f"changes: {error}"))


def start_day(starts: str | None) -> date | None:
    """The day of a `history_starts` that names one (`2026-11-28`), else None."""
    if starts is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", starts):
        return date.fromisoformat(starts)
    return None


def before_start(root: Path, revision: str, starts: str | None) -> bool:
    """Whether `revision` (an earlier edition's tag) is from before `history_starts`: it
    then belongs to the history the handbook has chosen not to tell."""
    if starts is None:
        return False
    day = start_day(starts)
    if day is not None:
        return revision_day(root, revision) <= day
    return run_git(root, "merge-base", "--is-ancestor", revision, _commit_of(root, starts),
                   accept=(1,)).code == 0


def unknown_start(root: Path, starts: str | None) -> str | None:
    """Why a `history_starts` that names a tag or commit cannot be used (git does not know
    it), for `handbook check`; None when it can, names a day, or there is no repository."""
    if starts is None or start_day(starts) is not None or not in_repository(root):
        return None
    try:
        _commit_of(root, starts)
    except GitError as error:
        return str(error)
    return None


def revision_day(root: Path, revision: str) -> date:
    """The day a revision (an earlier edition's tag) was committed, in UTC."""
    when = git_output(root, "log", "-1", "--format=%cI", revision, "--").strip()
    return datetime.fromisoformat(when).astimezone(UTC).date()


def _commit_of(root: Path, revision: str) -> str:
    """The commit a `history_starts` revision names; GitError when git does not know it."""
    found = run_git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}",
                    accept=(1,))
    if found.code != 0:
        raise GitError(f"history_starts in organisation.yml names '{revision}', which is "
                       "neither a day (YYYY-MM-DD) nor a tag or commit git knows")
    return found.output.strip()


def _read_changelog(root: Path, data: str, limit: int | None, starts: str | None,
                    registry: Registry) -> Changelog:
    boundary = _shallow_commits(root)
    day = start_day(starts)
    log_range = f"{_commit_of(root, starts)}..HEAD" if starts and day is None else "HEAD"
    everything = list(_log(root, [data], start=log_range))  # newest first; no file is read yet
    history = [entry for entry in everything
               if day is None or entry.when.astimezone(UTC).date() > day]
    # The oldest commit listed is a change when something came before it: the start, or
    # commits on or before its day. Otherwise it is the handbook's first version.
    started_at = starts is not None and (day is None or len(history) < len(everything))
    if not history:
        return Changelog(True, started=_start_time(day) if started_at else None)
    first, cut_off = history[-1], None
    if first.commit in boundary:
        cut_off = first.when
    changes: list[DatedChange] = []
    complete = True
    with BlobReader(root) as reader:
        read = _Reader(root, reader, data, registry)
        for entry in history:
            if (entry.commit == first.commit and not started_at) or entry.commit in boundary:
                break  # the first version (or all history before a shallow cut): not changes
            if limit is not None and len(changes) >= limit:
                complete = False
                break
            after: Snapshot = {}
            before: Snapshot = {}
            for status, name in entry.files:
                new = {} if status == "D" else read.at(entry.commit, name)
                if new is None:
                    continue  # a broken version: its changes show once it is fixed
                old = {} if status == "A" else read.before(entry.commit, name)
                _merge_into(after, new)
                _merge_into(before, old)
            changes.extend(DatedChange(entry.when, entry.commit, change)
                           for change in compare(before, after, registry))
    started = (_start_time(day) or first.when) if started_at else first.when
    return Changelog(True, changes, None if cut_off else started, cut_off, complete)


def _start_time(day: date | None) -> datetime | None:
    """The end of a start day: what comes after it is listed."""
    return datetime.combine(day, time.max, tzinfo=UTC) if day else None


class _Reader:
    """Data files at given commits, as snapshots."""

    def __init__(self, root: Path, blobs: BlobReader, data: str, registry: Registry) -> None:
        self.registry = registry
        self.root, self.blobs, self.data = root, blobs, data

    def at(self, commit: str, name: str) -> Snapshot | None:
        """The file's entries at a commit that has it (git log said so); None if that
        version is not readable YAML."""
        text = self.blobs.read(commit, name, expected=True, limit=MAX_FILE_BYTES)
        if text is None:
            return None  # not a file there (a submodule): nothing to read
        inside = PurePosixPath(name)
        if self.data != ".":
            inside = inside.relative_to(self.data)
        return snapshot_of_file(inside, text, self.registry)

    def before(self, commit: str, name: str) -> Snapshot:
        """The file's entries before `commit` changed it. A version that did not load
        (broken YAML was committed) is passed over for the one before it, so its fix is
        not taken for news."""
        snapshot = self.at(f"{commit}^", name)
        if snapshot is not None:
            return snapshot
        for older in _log(self.root, [name], start=f"{commit}^"):
            status = dict((path, letter) for letter, path in older.files).get(name)
            if status == "D":
                return {}  # it did not exist before the broken version
            snapshot = self.at(older.commit, name)
            if snapshot is not None:
                return snapshot
        return {}


def _merge_into(merged: Snapshot, snapshot: Snapshot) -> None:
    for kind, entries in snapshot.items():
        merged.setdefault(kind, {}).update(entries)


def _relative(folder: Path, root: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return folder.as_posix()


def _has_history(root: Path) -> bool:
    """Whether `root` is in a git work tree with at least one commit (git failing raises)."""
    inside = git_output(root, "rev-parse", "--is-inside-work-tree").strip() == "true"
    return inside and run_git(root, "rev-parse", "--verify", "--quiet", "HEAD",
                              accept=(1,)).code == 0


def _shallow_commits(root: Path) -> frozenset[str]:
    """The commits a shallow clone was cut at (whose parents git does not have)."""
    location = git_output(root, "rev-parse", "--git-path", "shallow").strip()
    path = root / location if location else None
    if path is None or not path.is_file():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text().splitlines() if line.strip())


def _log(root: Path, paths: list[str], *, start: str = "HEAD") -> Iterator[_Commit]:
    """Each commit from `start` back that changed files under `paths`, newest first."""
    output = git_output(root, "log", "--format=%x00%H %cI", "--no-renames", "--relative",
                        "--name-status", start, "--", *paths)
    for block in output.split("\x00")[1:]:
        head, _, rest = block.partition("\n")
        commit, _, when = head.partition(" ")
        files = []
        for line in rest.splitlines():
            status, _, name = line.partition("\t")
            if name:
                files.append((status[:1], name))
        yield _Commit(commit, datetime.fromisoformat(when.strip()), files)


def _uncommitted(root: Path, paths: list[str]) -> frozenset[str]:
    output = git_output(root, "status", "--porcelain=v1", "--untracked-files=all", "--",
                        *paths)
    prefix = git_output(root, "rev-parse", "--show-prefix").strip()
    return frozenset(line[3:].strip().removeprefix(prefix) for line in output.splitlines())

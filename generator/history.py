"""What git knows about the handbook's files: when each last changed, and the changelog.

Everything here is read from the repository the handbook lives in, and says nothing it
does not know. Outside a git checkout there are no dates and no changelog. In a shallow
clone the oldest commit git has stands for all the history it cut off, so a file whose
last change git can only place there gets no date, and the changelog starts after it.
Files changed but not yet committed are reported as such, never with an old date.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ValidationError

from .changes import Change, Snapshot, compare, snapshot_entry
from .schema import BehavioursFile, FoundationFile, Story, ValuesFile
from .yaml_source import read_yaml_text

_NEVER = datetime.min.replace(tzinfo=UTC)
"""Stands for a file seen only in a boundary commit: no date can be told for it."""


@dataclass(frozen=True)
class FileDates:
    """When each file of the handbook last changed, as far as git can tell."""

    available: bool
    """False outside a git checkout (or without git): no dates at all."""
    changed: dict[str, datetime] = field(default_factory=dict)
    """Path (relative to the project) -> time of the last commit that changed it."""
    uncommitted: frozenset[str] = frozenset()
    """Paths with changes that are not committed yet."""
    shallow: bool = False


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


def file_dates(root: Path, folders: list[Path]) -> FileDates:
    git = _Git(root)
    if not git.works():
        return FileDates(available=False)
    paths = [_relative(folder, root) for folder in folders]
    boundary = git.shallow_commits()
    changed: dict[str, datetime] = {}
    for commit, when, names in git.log(paths, "--name-only"):
        for name in names:
            if name not in changed and commit not in boundary:
                changed[name] = when
            changed.setdefault(name, _NEVER)  # seen: an older commit cannot be last
    known = {name: when for name, when in changed.items() if when != _NEVER}
    return FileDates(True, known, git.uncommitted(paths), bool(boundary))


def read_changelog(root: Path, data_dir: Path, *, limit: int | None = None) -> Changelog:
    """Changes to values, elements, behaviours and published stories, newest first, from git.

    Each commit is compared with its parent, newest commit first, reading from git only
    the files the commit changed; with `limit`, reading stops once that many changes are
    found, so the cost follows what the page shows, not how long the history has grown.
    """
    git = _Git(root)
    if not git.works():
        return Changelog(available=False)
    data = _relative(data_dir, root)
    boundary = git.shallow_commits()
    history = list(git.log([data], "--name-only"))  # newest first; no file is read yet
    if not history:
        return Changelog(True)
    first_commit, first_when, _ = history[-1]
    cut_off = first_when if first_commit in boundary else None
    changes: list[DatedChange] = []
    complete = True
    with git.file_reader() as read:
        for commit, when, names in history:
            if commit == first_commit or commit in boundary:
                break  # the first version (or all history before a shallow cut): not changes
            if limit is not None and len(changes) >= limit:
                complete = False
                break
            afters = {name: _snapshot(read, commit, name, data) for name in names}
            readable = [name for name, after in afters.items() if after is not None]
            before = _merge(_last_readable(git, read, commit, name, data) for name in readable)
            after = _merge(afters[name] or {} for name in readable)
            changes.extend(DatedChange(when, commit, change) for change in compare(before, after))
    return Changelog(True, changes, None if cut_off else first_when, cut_off, complete)


def _snapshot(read: _FileReader, commit: str, name: str, data: str) -> Snapshot | None:
    """A file's entries at a commit: empty if it was not there, None if it did not load."""
    text = read(commit, name)
    return {} if text is None else _entries(name, data, text)


def _last_readable(git: _Git, read: _FileReader, commit: str, name: str, data: str) -> Snapshot:
    """The file's entries before `commit`. A version that did not load (broken YAML was
    committed) is passed over for the one before it, so its fix is not taken for news."""
    snapshot = _snapshot(read, f"{commit}^", name, data)
    if snapshot is not None:
        return snapshot
    for older in git.commits_changing(name, before=commit):
        snapshot = _snapshot(read, older, name, data)
        if snapshot is not None:
            return snapshot
    return {}


def _entries(name: str, data: str, text: str) -> Snapshot | None:
    """The entries one data file held at some commit; None if it could not be read then."""
    inside = PurePosixPath(name).relative_to(data) if data != "." else PurePosixPath(name)
    kinds: dict[str, tuple[type[BaseModel], str, str]] = {
        "values.yml": (ValuesFile, "values", "value"),
        "foundation.yml": (FoundationFile, "elements", "element"),
        "behaviours.yml": (BehavioursFile, "behaviours", "behaviour"),
    }
    doc = read_yaml_text(text, Path(name), name)
    if not doc.usable or doc.problems or not isinstance(doc.data, dict):
        return None
    try:
        if inside.parts[0] == "stories" and inside.suffix in (".yml", ".yaml"):
            story = Story.model_validate({k: v for k, v in doc.data.items() if k != "id"})
            if not story.is_published:
                return {}
            return {"story": {inside.stem: snapshot_entry(story)}}
        if str(inside) not in kinds:
            return {}
        model, list_name, kind = kinds[str(inside)]
        parsed = model.model_validate(doc.data)
    except ValidationError:
        return None
    return {kind: {e.id: snapshot_entry(e) for e in getattr(parsed, list_name)}}


def _merge(snapshots: Iterator[Snapshot]) -> Snapshot:
    merged: Snapshot = {}
    for snapshot in snapshots:
        for kind, entries in snapshot.items():
            merged.setdefault(kind, {}).update(entries)
    return merged


def _relative(folder: Path, root: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return folder.as_posix()


class _Git:
    """The few git commands this module needs, run in the project folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def run(self, *args: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True,
                                    text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return result.stdout if result.returncode == 0 else None

    def works(self) -> bool:
        return (self.run("rev-parse", "--is-inside-work-tree") or "").strip() == "true" and (
            self.run("rev-parse", "--verify", "--quiet", "HEAD") is not None)

    def shallow_commits(self) -> frozenset[str]:
        """The commits a shallow clone was cut at (whose parents git does not have)."""
        location = (self.run("rev-parse", "--git-path", "shallow") or "").strip()
        path = self.root / location if location else None
        if path is None or not path.is_file():
            return frozenset()
        return frozenset(line.strip() for line in path.read_text().splitlines() if line.strip())

    def log(self, paths: list[str], *options: str) -> Iterator[tuple[str, datetime, list[str]]]:
        """(commit, commit time, files changed under `paths`) for each commit, newest first."""
        output = self.run("log", "--format=%x00%H %cI", "--no-renames", "--relative",
                          *options, "--", *paths) or ""
        for block in output.split("\x00")[1:]:
            head, _, rest = block.partition("\n")
            commit, _, when = head.partition(" ")
            names = [line for line in rest.splitlines() if line.strip()]
            yield commit, datetime.fromisoformat(when.strip()), names

    def commits_changing(self, name: str, *, before: str) -> list[str]:
        """Commits before `before` that changed the file, newest first."""
        output = self.run("log", "--format=%H", "--no-renames", "--relative", f"{before}^",
                          "--", name) or ""
        return output.split()

    def uncommitted(self, paths: list[str]) -> frozenset[str]:
        output = self.run("status", "--porcelain=v1", "--untracked-files=all", "--", *paths) or ""
        prefix = (self.run("rev-parse", "--show-prefix") or "").strip()
        return frozenset(line[3:].strip().removeprefix(prefix) for line in output.splitlines())

    def file_reader(self) -> _FileReader:
        return _FileReader(self.root)


class _FileReader:
    """Reads files as they were at given commits through one `git cat-file` process."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.prefix = ""

    def __enter__(self) -> _FileReader:
        self.process = subprocess.Popen(
            ["git", "-C", str(self.root), "cat-file", "--batch"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )
        prefix = subprocess.run(["git", "-C", str(self.root), "rev-parse", "--show-prefix"],
                                capture_output=True, text=True, check=False).stdout.strip()
        self.prefix = prefix
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)

    def __call__(self, commit: str, name: str) -> str | None:
        """The file's text at `commit`, or None when it did not exist there."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{commit}:{self.prefix}{name}\n".encode())
        self.process.stdin.flush()
        header = self.process.stdout.readline().decode().split()
        if len(header) < 3 or header[1] != "blob":
            return None
        body = self.process.stdout.read(int(header[2]) + 1)[:-1]
        return body.decode("utf-8", errors="replace")

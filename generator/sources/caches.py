"""Where the tool keeps what it can always make again: parsed data files, laid-out editions.

A cache is derived state, and derived state is input: whatever is in it could have been
put there by someone else. So a cache lives where a pull request cannot reach it, and what
the tool reads back from it is plain data, checked before it is used:

* **Outside the repository.** Each project's cache is a folder of its own in the user's
  cache folder (`$XDG_CACHE_HOME/culture-handbook/`, by default `~/.cache/culture-handbook/`),
  named after the project folder and a hash of its place on disk, so git can never carry
  it. `HANDBOOK_CACHE_DIR` names another base folder; CI uses it to keep the cache between
  runs (the shipped workflows do).
* **Not a link, not tracked.** The project's cache folder, and every folder the tool makes
  inside it, must be a real folder the tool made (owned_folders.py). A base folder inside
  the project must be reached without links and hold nothing git tracks. Anything else is
  refused with one line, and nothing is touched.
* **Safe to delete.** Removing the whole folder only costs the next run its time.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..errors import HandbookError
from .git import GitError, in_repository, run_git
from .owned_folders import CACHE, NotOurs

CACHE_ENV = "HANDBOOK_CACHE_DIR"
"""Names the base folder of every project's cache, in place of the user's cache folder."""
_UNSAFE_NAME = re.compile(r"[^a-z0-9-]+")


def cache_base() -> Path:
    """The folder every project's cache is kept under."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser().absolute()
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home).absolute() / "culture-handbook"


def project_cache_folder(root: Path, base: Path | None = None) -> Path:
    """Where the cache of the project at `root` is (made or not), under `base` (default:
    `cache_base()`)."""
    root = Path(os.path.realpath(root))
    name = _UNSAFE_NAME.sub("-", root.name.lower()).strip("-")[:40] or "handbook"
    digest = hashlib.sha256(os.fsencode(root)).hexdigest()[:16]
    return (base or cache_base()) / f"{name}-{digest}"


def project_cache(root: Path, part: str) -> Path | None:
    """The folder `part` (`check`, `editions`) of the cache of the project at `root`, made
    if need be; None when it cannot be made (a read-only home), as a cache only saves time.

    Raises HandbookError when the place is not safe to use (a link, a folder the tool did
    not make, a folder git tracks files in): nothing is read from it or written to it."""
    base = cache_base()
    project = project_cache_folder(root, base)
    _refuse_unsafe_base(base, Path(os.path.realpath(root)))
    try:
        if not base.exists():
            base.parent.mkdir(parents=True, exist_ok=True)
            CACHE.make(base, mode=0o700)
        CACHE.make(project, mode=0o700)
        return CACHE.make(project / part, mode=0o700)
    except NotOurs as refused:
        raise HandbookError(_not_ours(refused)) from None
    except OSError:
        return None


def _not_ours(refused: NotOurs) -> str:
    if refused.is_link:
        return (f"the cache folder {refused.folder} is a link; the tool keeps its cache only "
                "in real folders it made: remove the link")
    return (f"{refused.folder} is where the tool keeps its cache, but the tool did not make "
            f"it, so it is left as it is: move it away, or set {CACHE_ENV} to another folder")


def _refuse_unsafe_base(base: Path, root: Path) -> None:
    """A cache base inside the project must be reached without links and hold nothing git
    tracks: a pull request must not be able to put a cache (or a link to one) in place."""
    if not base.is_relative_to(root):
        return
    place = root
    for part in base.relative_to(root).parts:
        place = place / part
        if place.is_symlink():
            raise HandbookError(
                f"the cache folder {base} is reached through a link ({place}); the tool "
                f"keeps its cache only in real folders: remove the link, or set {CACHE_ENV} "
                "to a folder outside the project")
    if not base.exists() or not in_repository(root):
        return
    try:
        tracked = run_git(root, "ls-files", "-z", "--", str(base)).output
    except GitError:
        tracked = ""  # git cannot say: the marker and link checks still hold
    if tracked:
        first = tracked.split("\0", 1)[0]
        raise HandbookError(
            f"the cache folder {base} holds files that git tracks (such as {first}); a "
            "cache must come from this machine, never from the repository: untrack them "
            f"with `git rm -r --cached`, or set {CACHE_ENV} to a folder outside the project")

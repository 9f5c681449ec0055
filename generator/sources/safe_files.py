"""Reading a file the project holds, on the terms every input gets.

Anything in a checkout can arrive from a pull request that a reviewer sees as a name, not
as what it is: a link to `/proc/self/environ` would publish the build machine's secrets, a
named pipe or `/dev/zero` would hang every command, a link out of the repository would
publish someone else's files. So every file the tool reads (data, results, pages, cache
entries, images and fonts for print) is read here, and is:

* inside the folder it belongs to, after following links;
* a regular file (opened without waiting, so a pipe cannot hang the open itself);
* no larger than the cap its kind sets, which is checked before and while reading.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
"""O_NONBLOCK: opening a pipe with no writer returns at once instead of waiting for one."""


class UnsafeFile(Exception):
    """A file that is not read, and why: `reason` for code that words it its own way, and
    `problem` and `hint` in an editor's words."""

    def __init__(self, reason: str, problem: str, hint: str, size: int = 0) -> None:
        super().__init__(problem)
        self.reason = reason
        """One of: missing, outside, link, not-regular, too-large, unreadable."""
        self.problem = problem
        self.hint = hint
        self.size = size
        """With `too-large`: the size found, in bytes."""


Stamp = tuple[int, int, int, int]


def stamp_of(info: os.stat_result) -> Stamp:
    """What tells that a file changed without reading it: its size, its modification time,
    and its status-change time and inode, which every write and every replacement moves
    (an editor or a `touch -d` can put the old modification time back on new text)."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every link on its way followed, is in `folder` (resolved)."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def read_inside(path: Path, folder: Path, *, limit: int, folder_name: str) -> bytes:
    """The bytes of `path`, which must lead to a regular file inside `folder` of at most
    `limit` bytes; `folder_name` names the folder in the refusal ("the data folder")."""
    if not is_inside(path, folder):
        if not path.exists():
            raise UnsafeFile("missing", "this is a link to a file that does not exist",
                             "remove the link")
        raise UnsafeFile("outside", f"this is a link to a place outside {folder_name}",
                         f"copy the file into {folder_name} instead of linking to it")
    return read_regular(path, limit=limit)


def read_regular(path: Path, *, limit: int, follow_links: bool = True) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes.

    With `follow_links=False` a link is refused too (what the tool wrote itself, such as a
    cache entry, is never a link). Plain `os` calls: at 10,000 stories this runs 10,000
    times per check, and file objects cost several times the reading itself."""
    handle = _open(path, follow_links)
    try:
        size = _regular_size(handle, limit)
        chunks, total = [], 0
        while total <= limit:  # a file that grows while it is read is caught at the limit
            chunk = os.read(handle, min(limit + 1 - total, max(size + 1 - total, 65536)))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise too_large(total, limit)
    except OSError as error:
        raise UnsafeFile("unreadable", f"cannot be read: {error.strerror or error}",
                         "check the file's permissions") from None
    finally:
        os.close(handle)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def check_regular(path: Path, *, limit: int) -> None:
    """Refuse `path` unless it is a regular file of at most `limit` bytes, for a reader
    that opens it itself afterwards (WeasyPrint)."""
    handle = _open(path, follow_links=True)
    try:
        _regular_size(handle, limit)
    finally:
        os.close(handle)


def _open(path: Path, follow_links: bool) -> int:
    flags = _OPEN_FLAGS | (0 if follow_links else os.O_NOFOLLOW)
    try:
        return os.open(path, flags)
    except OSError as error:
        if not follow_links and path.is_symlink():
            raise UnsafeFile("link", "this is a link, where a file was expected",
                             "remove the link") from None
        reason = "missing" if isinstance(error, FileNotFoundError) else "unreadable"
        raise UnsafeFile(reason, f"cannot be read: {error.strerror or error}",
                         "check the file exists and can be read") from None


def _regular_size(handle: int, limit: int) -> int:
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile("not-regular", "this is not a regular file (a folder, a pipe, "
                         "a device or a socket)", "replace it with a plain file")
    if info.st_size > limit:
        raise too_large(info.st_size, limit)
    return info.st_size


def too_large(size: int, limit: int) -> UnsafeFile:
    return UnsafeFile("too-large", f"the file is {_size(size)}; files of this kind may be at "
                      f"most {_size(limit, whole=True)}",
                      "a file this large is almost certainly a mistake: split it or remove it",
                      size)


def _size(size: int, *, whole: bool = False) -> str:
    megabytes = size / 1024 / 1024
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{megabytes:.0f} MB" if whole and megabytes.is_integer() else f"{megabytes:.1f} MB"


def byte_position(raw: bytes, at: int) -> tuple[int, int]:
    """The 1-based line and column of byte `at` of `raw`, for a file that is not UTF-8
    and so cannot be counted in characters."""
    line = raw.count(b"\n", 0, at) + 1
    return line, at - (raw.rfind(b"\n", 0, at) + 1) + 1


def text_inside(path: Path, folder: Path, *, limit: int = 1024 * 1024) -> str | None:
    """The UTF-8 text of `path`, a regular file inside `folder`, or None when it is missing
    or not one (a link out, a pipe, a device, too large, not UTF-8): what compares a
    committed file with what it should hold takes any of those for "not current"."""
    try:
        return read_inside(path, folder, limit=limit, folder_name="the project").decode("utf-8")
    except (UnsafeFile, UnicodeDecodeError, OSError):
        return None

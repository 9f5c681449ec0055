"""Running git: one timeout, and one way of failing, for every git command the generator runs.

A git command here either answers or raises `GitError`; it never turns a failure into an
empty answer, because an empty answer is a fact ("no changes", "nothing uncommitted") and a
failure is not. Callers turn a `GitError` into "not known" and a warning for the editor.

Not being in a repository at all (a tarball, a copy of the files) is not a failure: it is
found without running git, so such a build is quiet, and a broken repository is not taken
for one.
"""

from __future__ import annotations

import os
import select
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

GIT_TIMEOUT = 120.0
"""Seconds any one git answer may take. A long history's `git log --name-only` takes a few
seconds; a git that takes minutes is stuck (a lock, a network file system), and the build
says so rather than hang."""

# `git status` otherwise refreshes the index and takes its lock: a build must not get in
# the way of an editor's own git commands.
_ENVIRONMENT = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}


class GitError(Exception):
    """git was asked and did not answer: not installed, failed, or too slow.

    The message names the command and what went wrong, for the editor's build log.
    """


@dataclass(frozen=True)
class GitAnswer:
    code: int
    """git's exit code: 0, or one the caller said is an answer (`accept`)."""
    output: str


def in_repository(folder: Path) -> bool:
    """Whether `folder` is meant to be in a git repository: `GIT_DIR` is set, or a `.git`
    (folder or file) is in it or above it. Decided without git, which may be broken."""
    if os.environ.get("GIT_DIR"):
        return True
    folder = folder.resolve()
    return any((place / ".git").exists() for place in (folder, *folder.parents))


def run_git(folder: Path, *args: str, accept: tuple[int, ...] = ()) -> GitAnswer:
    """Run `git -C folder args...`; exit codes other than 0 and `accept` raise GitError.

    `accept` is for commands whose non-zero exit is an answer, such as
    `rev-parse --verify --quiet` saying "no such commit" with exit code 1.
    """
    command = ["git", "-C", str(folder), *args]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=GIT_TIMEOUT,
                                check=False, env={**os.environ, **_ENVIRONMENT})
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"`{_shown(args)}` did not answer within {GIT_TIMEOUT:.0f} s") from None
    except OSError as error:
        raise GitError(f"`{_shown(args)}` could not be run: {error}") from None
    if result.returncode != 0 and result.returncode not in accept:
        raise GitError(f"`{_shown(args)}` failed (exit code {result.returncode}): "
                       f"{_last_line(result.stderr)}")
    return GitAnswer(result.returncode, result.stdout)


def git_output(folder: Path, *args: str) -> str:
    """The output of a git command that must succeed."""
    return run_git(folder, *args).output


class BlobReader:
    """Files as they were at given commits, read through one `git cat-file --batch` process
    (one process for thousands of files), each answer within GIT_TIMEOUT.

    Use as a context manager; `read(commit, path)` gives the text, or None when git says
    the file is not there. A caller that knows the file must be there (git log said the
    commit changed it) passes `expected=True`: a missing object is then a broken
    repository, not an absent file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.prefix = ""
        self._buffer = bytearray()
        self._process: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None

    def __enter__(self) -> BlobReader:
        # Paths from `git log --relative` are relative to the folder; cat-file wants them
        # from the top of the repository.
        self.prefix = git_output(self.folder, "rev-parse", "--show-prefix").strip()
        self._errors = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen(
                ["git", "-C", str(self.folder), "cat-file", "--batch"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors,
                env={**os.environ, **_ENVIRONMENT},
            )
        except OSError as error:
            self._errors.close()
            raise GitError(f"`git cat-file --batch` could not be run: {error}") from None
        return self

    def __exit__(self, *exc: object) -> None:
        process = self._process
        if process is not None:
            assert process.stdin is not None
            try:
                process.stdin.close()
                process.wait(timeout=GIT_TIMEOUT)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
        if self._errors is not None:
            self._errors.close()

    def read(
        self, commit: str, path: str, *, limit: int, expected: bool = False
    ) -> str | None:
        """The text of `path` at `commit`; None when it is not there, not a file, or larger
        than `limit` bytes (for data, a size never valid on disk either: reading it whole
        would let one bad commit fill the memory of every later build)."""
        process = self._process
        assert process is not None and process.stdin is not None, "use BlobReader in a with"
        name = f"{commit}:{self.prefix}{path}"
        try:
            process.stdin.write(f"{name}\n".encode())
            process.stdin.flush()
        except OSError:
            raise self._failure(f"reading {name}") from None
        header = self._read_line(name).decode(errors="replace").split()
        if len(header) == 2 and header[1] == "missing":
            if expected:
                raise GitError(f"`git cat-file` found no object for {name}, which git log "
                               "says is there: the repository is damaged")
            return None
        if len(header) < 3:
            raise self._failure(f"reading {name}")
        size = int(header[2])
        if header[1] != "blob" or size > limit:
            self._skip(size + 1, name)  # a folder where a file was expected, or too big
            return None
        body = self._read_exactly(size + 1, name)[:-1]
        return body.decode("utf-8", errors="replace")

    def _read_line(self, name: str) -> bytes:
        while b"\n" not in self._buffer:
            self._fill(name)
        end = self._buffer.index(b"\n")
        line = bytes(self._buffer[:end])
        del self._buffer[: end + 1]
        return line

    def _read_exactly(self, size: int, name: str) -> bytes:
        while len(self._buffer) < size:
            self._fill(name)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _skip(self, size: int, name: str) -> None:
        """Pass over `size` bytes of git's answer without keeping them."""
        while size > 0:
            if not self._buffer:
                self._fill(name)
            taken = min(size, len(self._buffer))
            del self._buffer[:taken]
            size -= taken

    def _fill(self, name: str) -> None:
        """Wait at most GIT_TIMEOUT for more of git's answer."""
        assert self._process is not None and self._process.stdout is not None
        stream = self._process.stdout.fileno()
        deadline = time.monotonic() + GIT_TIMEOUT
        while True:
            ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                break
            if time.monotonic() >= deadline:
                self._process.kill()
                raise GitError(f"`git cat-file` did not answer within {GIT_TIMEOUT:.0f} s "
                               f"(reading {name})")
        chunk = os.read(stream, 1 << 16)
        if not chunk:
            raise self._failure(f"reading {name}")
        self._buffer += chunk

    def _failure(self, doing: str) -> GitError:
        assert self._process is not None and self._errors is not None
        try:
            code = self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            code = self._process.wait()
        self._errors.seek(0)
        detail = _last_line(self._errors.read().decode(errors="replace"))
        return GitError(f"`git cat-file --batch` stopped (exit code {code}) while {doing}: "
                        f"{detail}")


def _shown(args: tuple[str, ...]) -> str:
    """`git log`: the command's name, not its every option, for a message people read."""
    return f"git {args[0]}" if args else "git"


def _last_line(text: str) -> str:
    if "dubious ownership" in text:
        # git refuses a repository owned by another user (CI containers, shared drives).
        fix = next((line.strip() for line in text.splitlines() if "safe.directory" in line),
                   "git config --global --add safe.directory <the repository's folder>")
        return ("git does not trust this repository because another user owns it "
                f"(\"dubious ownership\"); if you trust it, run: {fix}")
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "git gave no reason"

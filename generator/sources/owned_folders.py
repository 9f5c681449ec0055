"""Folders the tool makes, and may therefore replace or remove: each carries a marker file.

The tool replaces the site folder on every build, clears staging and scratch folders that
killed builds left, and drops cache generations it no longer reads. A folder in any of
those places could also be a link to somewhere else, or someone else's folder (a
`site_dir` pointing at a sibling project, a committed link named like the cache). So the
tool writes a marker into every folder it makes, and removes or replaces a folder only
when it is a real folder (not a link) holding that marker as a regular file.
"""

from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Marker:
    """The file that says a folder is the tool's, and what it holds."""

    name: str
    text: bytes

    def write(self, folder: Path) -> None:
        """Mark `folder`, which the caller has just made."""
        with (folder / self.name).open("xb") as stream:
            stream.write(self.text)

    def is_on(self, folder: Path) -> bool:
        """Whether `folder` is a real folder (not a link) that holds this marker."""
        marker = folder / self.name
        try:
            if not stat.S_ISDIR(folder.lstat().st_mode):
                return False
            if not stat.S_ISREG(marker.lstat().st_mode):
                return False
            with marker.open("rb") as stream:
                return stream.read(len(self.text) + 1) == self.text
        except OSError:
            return False

    def make(self, folder: Path, *, mode: int = 0o777) -> Path:
        """`folder` made and marked; an existing one must be marked already, else
        NotOurs is raised and nothing is written.

        The folder is made and marked under a temporary name, then renamed into place, so
        a process killed midway never leaves an unmarked folder that a later run would
        have to refuse as someone else's."""
        if folder.exists() or folder.is_symlink():
            return self._existing(folder)
        making = folder.parent / f".{folder.name}.{os.getpid()}-{secrets.token_hex(4)}{_MAKING}"
        making.mkdir(mode=mode)
        try:
            self.write(making)
            os.rename(making, folder)
        except OSError:
            shutil.rmtree(making, ignore_errors=True)
            if folder.exists() or folder.is_symlink():  # another process was faster
                return self._existing(folder)
            raise
        self._sweep_leftovers(folder)
        return folder

    def _existing(self, folder: Path) -> Path:
        if not self.is_on(folder):
            raise NotOurs(folder)
        return folder

    def _sweep_leftovers(self, folder: Path) -> None:
        """Remove half-made folders that killed runs left beside `folder`: each carries our
        marker, our temporary name and the number of the process that made it, so only
        those whose process has gone are removed; a live one is another run at work."""
        pattern = re.compile(rf"\.{re.escape(folder.name)}\.(\d+)-[0-9a-f]+{re.escape(_MAKING)}")
        for leftover in folder.parent.glob(f".{glob.escape(folder.name)}.*{_MAKING}"):
            named = pattern.fullmatch(leftover.name)
            if named and not _process_alive(int(named.group(1))):
                self.remove(leftover)

    def remove(self, folder: Path) -> bool:
        """Remove `folder` if it is marked; whether it was. Anything else is left alone."""
        if not self.is_on(folder):
            return False
        shutil.rmtree(folder, ignore_errors=True)
        return True


_MAKING = ".making"
"""The end of the temporary name a folder is made under before it is renamed into place."""


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True


class NotOurs(Exception):
    """A folder the tool was about to write into or remove, which it did not make."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self.is_link = folder.is_symlink()


CACHE = Marker("CACHEDIR.TAG", (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# The culture handbook generator's cache: anything here can be made again.\n"))
"""Cache folders follow the Cache Directory Tagging standard, so backup tools skip them."""

SITE = Marker(".handbook-site", (
    b"A site built by the culture handbook generator. Each build replaces this folder;\n"
    b"the generator replaces or removes only folders that hold this file.\n"))
"""Hidden, so MkDocs keeps it when it empties the folder it builds into."""

SCRATCH = Marker(".handbook-scratch", (
    b"Work in progress of a culture handbook build, removed when the build ends.\n"))

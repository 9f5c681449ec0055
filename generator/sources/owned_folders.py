"""Folders the tool makes, and may therefore replace or remove: each carries a marker file.

The tool replaces the site folder on every build, clears staging and scratch folders that
killed builds left, and drops cache generations it no longer reads. A folder in any of
those places could also be a link to somewhere else, or someone else's folder (a
`site_dir` pointing at a sibling project, a committed link named like the cache). So the
tool writes a marker into every folder it makes, and removes or replaces a folder only
when it is a real folder (not a link) holding that marker as a regular file.
"""

from __future__ import annotations

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
        NotOurs is raised and nothing is written."""
        try:
            folder.mkdir(mode=mode)
        except FileExistsError:
            if not self.is_on(folder):
                raise NotOurs(folder) from None
            return folder
        self.write(folder)
        return folder

    def remove(self, folder: Path) -> bool:
        """Remove `folder` if it is marked; whether it was. Anything else is left alone."""
        if not self.is_on(folder):
            return False
        shutil.rmtree(folder, ignore_errors=True)
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

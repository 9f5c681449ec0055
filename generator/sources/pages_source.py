"""The hand-written Markdown pages in `handbook/`: what they are called and how long they are.

The generator does not render these (MkDocs does); it needs their titles and lengths so
the orientation path can link to them and tell a new hire how long the reading takes,
and their text for the PDF editions.

A page comes from a pull request that a reviewer sees as a name, not as what it does, so
every page is checked before anything reads it: a regular file of a sensible size, and a
link only to another file inside the pages folder. A link to `/proc/self/environ` would
otherwise publish the build machine's secrets; a named pipe would hang every command.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from .safe_files import UnsafeFile, read_regular

MAX_PAGE_BYTES = 2 * 1024 * 1024
"""A hand-written page longer than this is not a page (a log, a data dump, /dev/zero)."""

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")  # it's and well-known count as one word
# Markdown and HTML syntax that is not read aloud: link targets, tags, attribute lists.
_NOT_WORDS = re.compile(r"\]\([^)]*\)|<[^>]+>|\{[:#.][^}]*\}|`{3}.*?`{3}", re.S)


@dataclass(frozen=True)
class HandPage:
    path: str
    """Path inside the docs folder, with forward slashes (`leadership.md`)."""
    title: str
    markdown: str
    """The page's Markdown without its front matter."""
    meta: dict[str, object]
    front_matter: str = ""
    """The front matter as written (without its `---` lines), for messages that point at
    the line of one of its keys."""

    def meta_line(self, key: str) -> int:
        """The file's line on which the front matter gives `key` (its first line if not
        found): the `---` line is line 1."""
        for number, line in enumerate(self.front_matter.splitlines(), start=2):
            if line.startswith(f"{key}:"):
                return number
        return 1

    @property
    def words(self) -> int:
        return count_words(self.markdown)


@dataclass(frozen=True)
class RefusedPage:
    """A page that is not read, and why, in an editor's words."""

    path: str
    """Path inside the docs folder."""
    problem: str
    hint: str


def read_pages(docs_dir: Path) -> tuple[dict[str, HandPage], list[RefusedPage]]:
    """Every Markdown page under `docs_dir`, keyed by its path inside it, and the pages
    that are refused (links out of the folder, folders, pipes, unreadable or huge files)."""
    pages: dict[str, HandPage] = {}
    refused: list[RefusedPage] = []
    if not docs_dir.is_dir():
        return pages, refused
    root = docs_dir.resolve()
    for path in _entries(docs_dir):
        relative = path.relative_to(docs_dir).as_posix()
        if not relative.endswith(".md") or (path.is_dir() and path.is_symlink()):
            # Images and other files are copied into the site as they are: none may be a
            # way out of the folder, or a pipe or device the copy would hang on.
            if path.is_symlink() and not _inside(path, root):
                refused.append(RefusedPage(relative, *_LINK_OUT))
            elif _special(path):
                refused.append(RefusedPage(relative, *_SPECIAL))
            continue
        wrong = _refusal(path, root)
        if wrong is None:
            try:
                pages[relative] = read_page(path, relative)
                continue
            except OSError as error:
                wrong = (f"the page cannot be read ({error.strerror or error})",
                         "check the file's permissions")
        refused.append(RefusedPage(relative, *wrong))
    return pages, refused


def unsafe_files(folder: Path) -> list[RefusedPage]:
    """Entries of a folder the site copies as it is (the theme's `overrides/`) that must not
    be copied: links leading out of it, and pipes, devices or sockets, which would hang the
    copy."""
    if not folder.is_dir():
        return []
    root, refused = folder.resolve(), []
    for path in _entries(folder):
        relative = path.relative_to(folder).as_posix()
        if not _inside(path, root):
            refused.append(RefusedPage(
                relative, "this is a link to a place outside the theme folder",
                "copy the file into the folder instead of linking to it"))
        elif not path.exists():
            refused.append(RefusedPage(relative, "this is a link to a file that does not exist",
                                       "remove the link"))
        elif _special(path):
            refused.append(RefusedPage(
                relative, _SPECIAL[0], "remove it; the folder holds templates, styles and images"))
    return refused


def _entries(docs_dir: Path) -> list[Path]:
    """Every file and folder link under `docs_dir`, hidden ones left out (MkDocs leaves them
    out of the site too). Links to folders are listed, not entered: they are checked."""
    found = []
    for folder, folders, files in os.walk(docs_dir, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        here = Path(folder)
        found += [here / name for name in folders if (here / name).is_symlink()]
        found += [here / name for name in sorted(files) if not name.startswith(".")]
    return sorted(found)


_LINK_OUT = ("this is a link to a place outside the pages folder",
             "copy the file into the folder instead of linking to it")
_SPECIAL = ("this is not a regular file (a pipe, a device or a socket)",
            "replace it with a plain file")


def _special(path: Path) -> bool:
    """A pipe, a device or a socket (what a link leads to counts): nothing to publish."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False  # a dangling link: MkDocs leaves it out
    return not (stat.S_ISDIR(mode) or stat.S_ISREG(mode))


def _inside(path: Path, root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(root)


def _refusal(path: Path, root: Path) -> tuple[str, str] | None:
    """What is wrong with `path` as a page, or None; decided before the file is opened."""
    try:
        if not _inside(path, root):  # the page, or a folder on its way, links out
            return _LINK_OUT
        info = path.stat()
    except OSError:
        return ("the page is a link to a file that does not exist",
                "remove the link, or point it at a page in the folder")
    if stat.S_ISDIR(info.st_mode):
        return ("this is a folder, but its name ends in .md like a page",
                "rename the folder without .md")
    if not stat.S_ISREG(info.st_mode):
        return ("this is not a regular file (a pipe, a device or a socket)",
                "replace it with a Markdown file")
    if info.st_size > MAX_PAGE_BYTES:
        return (f"the page is {info.st_size / 1024 / 1024:.1f} MB; pages may be at most "
                f"{MAX_PAGE_BYTES // 1024 // 1024} MB", "split it, or move the data elsewhere")
    return None


def read_page(path: Path, relative: str) -> HandPage:
    """A page `_refusal` found nothing wrong with (read on the same terms all the same: a
    file swapped for a pipe in between would otherwise hang the read)."""
    try:
        raw = read_regular(path, limit=MAX_PAGE_BYTES)
    except UnsafeFile as refused:
        raise OSError(refused.problem) from None
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    meta: dict[str, object] = {}
    front_matter = ""
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None  # MkDocs reports broken front matter itself, with the file name
        meta = loaded if isinstance(loaded, dict) else {}
        front_matter = match.group(1)
        text = text[match.end():]
    heading = _HEADING.search(text)
    title = str(meta.get("title") or (heading.group(1) if heading else _title_from_name(relative)))
    return HandPage(path=relative, title=title, markdown=text, meta=meta,
                    front_matter=front_matter)


def count_words(text: str) -> int:
    return len(_WORD.findall(_NOT_WORDS.sub(" ", text)))


def _title_from_name(relative: str) -> str:
    stem = relative.rsplit("/", 1)[-1].removesuffix(".md")
    return stem.replace("-", " ").replace("_", " ").capitalize()

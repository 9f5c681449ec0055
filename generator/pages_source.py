"""The hand-written Markdown pages in `handbook/`: what they are called and how long they are.

The generator does not render these (MkDocs does); it needs their titles and lengths so
the orientation path can link to them and tell a new hire how long the reading takes,
and their text for the PDF editions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

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

    @property
    def words(self) -> int:
        return count_words(self.markdown)


def read_pages(docs_dir: Path) -> dict[str, HandPage]:
    """Every Markdown page under `docs_dir`, keyed by its path inside it."""
    pages: dict[str, HandPage] = {}
    if not docs_dir.is_dir():
        return pages
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        pages[relative] = read_page(path, relative)
    return pages


def read_page(path: Path, relative: str) -> HandPage:
    text = path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff")
    meta: dict[str, object] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None  # MkDocs reports broken front matter itself, with the file name
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[match.end():]
    heading = _HEADING.search(text)
    title = str(meta.get("title") or (heading.group(1) if heading else _title_from_name(relative)))
    return HandPage(path=relative, title=title, markdown=text, meta=meta)


def count_words(text: str) -> int:
    return len(_WORD.findall(_NOT_WORDS.sub(" ", text)))


def _title_from_name(relative: str) -> str:
    stem = relative.rsplit("/", 1)[-1].removesuffix(".md")
    return stem.replace("-", " ").replace("_", " ").capitalize()

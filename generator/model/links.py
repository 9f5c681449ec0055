"""Where each entry lives on the site, and links between generated pages.

Links are written as relative paths to `.md` files, the way a person writes them in
Markdown, so MkDocs checks every one of them (a broken link fails a strict build) and
turns them into the right URLs whatever `use_directory_urls` says.
"""

from __future__ import annotations

from ..kinds import BUILT_IN, STORY, VALUE
from ..schema.registry import Registry
from ..sources.pages_source import HandPage


def section_page(name: str, registry: Registry) -> str | None:
    """The page of a whole section (see schema/registry.py), as orientation readings and
    editions name it (`foundation`), or None for a name that is not a section's."""
    section = registry.section.get(name)
    return section.page if section else None


def _built_in(name: str) -> str:
    return BUILT_IN.section[name].page


HOME = "index.md"
VALUES = _built_in("values")
FOUNDATION = _built_in("foundation")
BEHAVIOURS = _built_in("behaviours")
STORIES = _built_in("stories")
ORIENTATION = _built_in("orientation")
ARCHIVE = "stories/archive/index.md"
BY_VALUE = "stories/by-value.md"
COVERAGE = "editors/coverage.md"
FEED = "stories/feed.xml"
EDITIONS = "editions.md"
CHANGES = "changes.md"
EDITIONS_FOLDER = "editions"
"""Where the PDF editions are published on the site (`editions/complete.pdf`)."""


def notice_board_file(month: str) -> str:
    """The notice-board print of a month, inside EDITIONS_FOLDER."""
    return f"notice-board-{month}.pdf"


def value_page(value_id: str) -> str:
    return f"{VALUE.page_folder}/{value_id}.md"


def story_page(story_id: str) -> str:
    return f"{STORY.page_folder}/{story_id}.md"


def month_page(month: str) -> str:
    return f"stories/archive/{month}.md"


def page_of(target: object, registry: Registry) -> str:
    """The page (and anchor) that shows an entry, as a path inside the docs folder."""
    if isinstance(target, str):
        return target
    if isinstance(target, HandPage):
        return target.path
    kind = registry.kind_of(target)
    if kind is not None and kind.page_folder:  # a page of its own
        return f"{kind.page_folder}/{target.id}.md"  # type: ignore[attr-defined]
    page = section_page(kind.section or "", registry) if kind is not None else None
    if page is None:
        raise TypeError(f"no page shows {type(target).__name__}")
    return f"{page}#{target.id}"  # type: ignore[attr-defined]


def url_of(path: str) -> str:
    """The web address of a docs path, relative to the site root: `values/respect/`."""
    page, _, anchor = path.partition("#")
    folder = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return (folder + "/" if folder else "") + (f"#{anchor}" if anchor else "")


def relative_link(here: str, target: str) -> str:
    """`../stories/x.md` from `values/respect.md`: the link as written in `here`'s Markdown.

    Climbing to the docs root and back down is not always the shortest path, but it is
    always right and costs no path arithmetic on the 10,000 story pages of a large site.
    """
    path, _, anchor = target.partition("#")
    if path == here and anchor:
        return f"#{anchor}"
    return "../" * here.count("/") + target

"""Where each entry lives on the site, and links between generated pages.

Links are written as relative paths to `.md` files, the way a person writes them in
Markdown, so MkDocs checks every one of them (a broken link fails a strict build) and
turns them into the right URLs whatever `use_directory_urls` says.
"""

from __future__ import annotations

from ..schema import Behaviour, Element, Layer, Story, Theme, Value
from ..sources.pages_source import HandPage

HOME = "index.md"
VALUES = "values/index.md"
FOUNDATION = "foundation.md"
BEHAVIOURS = "behaviours.md"
STORIES = "stories/index.md"
ARCHIVE = "stories/archive/index.md"
BY_VALUE = "stories/by-value.md"
ORIENTATION = "orientation.md"
SECTION_PAGES = {
    "values": VALUES, "foundation": FOUNDATION, "behaviours": BEHAVIOURS, "stories": STORIES,
    "orientation": ORIENTATION,
}
"""The page of each whole section an orientation reading or an edition can name."""
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
    return f"values/{value_id}.md"


def story_page(story_id: str) -> str:
    return f"stories/{story_id}.md"


def month_page(month: str) -> str:
    return f"stories/archive/{month}.md"


def page_of(target: object) -> str:
    """The page (and anchor) that shows an entry, as a path inside the docs folder."""
    if isinstance(target, str):
        return target
    if isinstance(target, Value):
        return value_page(target.id)
    if isinstance(target, Story):
        return story_page(target.id)
    if isinstance(target, (Element, Layer)):
        return f"{FOUNDATION}#{target.id}"
    if isinstance(target, (Behaviour, Theme)):
        return f"{BEHAVIOURS}#{target.id}"
    if isinstance(target, HandPage):
        return target.path
    raise TypeError(f"no page shows {type(target).__name__}")


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

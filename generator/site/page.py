"""One page the generator adds to the site: where it goes, its template, what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..editions.build import EditionResult
from ..history.commits import Changelog
from ..sources.gitinfo import BuildInfo
from ..translation.translate import Translation


@dataclass(frozen=True)
class SitePage:
    path: str
    """Path inside the docs folder (`values/respect.md`)."""
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = True
    """False for pages reached through listings (stories, months): listing thousands of
    pages in the nav makes every page carry the whole nav, a quadratic cost."""
    source: str | None = None
    """The data file that holds what the page shows, for "edit this page" links."""
    searchable: bool = True
    """Listings repeat titles found on the pages they list; they stay out of search."""
    search_boost: float | None = None
    """Ranks the page above others that match as well (a story above a page quoting it)."""
    hide: tuple[str, ...] = ()
    description: str | None = None
    """What the page is about, in a sentence (its `<meta name="description">`); pages
    without one get the site's."""
    shows_only: frozenset[str] | None = None
    """The story and idea files whose entries the page shows, when it shows no others (a
    story's page: that story and its neighbours'); None when it may show any (a listing).
    A preview reload after an edit to one story file renders again only the pages that
    show it (see preview.py)."""
    listed_as: tuple[object, ...] = ()
    """For an entry's page: what lists of entries show of it besides its title (dates,
    values, featured), so that a preview knows when every list must be made again."""


@dataclass(frozen=True)
class BuildFacts:
    """What a build knows besides the data, for the pages that show it."""

    today: date
    """The build's date (see BuildInfo.effective_date): what "recent" is measured from."""
    editions: list[EditionResult] | None = None
    """The PDFs made for this build; None when it makes none (during `mkdocs serve`)."""
    changelog: Changelog = field(default_factory=lambda: Changelog(available=False))
    notice_board: tuple[str, str] | None = None
    """(month, path of the PDF inside the site) of the notice-board PDF made, if any."""
    build: BuildInfo | None = None
    """Where the build comes from (commit, uncommitted changes): for the curators' page
    only; readers are told a date."""
    translations: list[Translation] = field(default_factory=list)
    """How far the translation into each other language has come: for the curators'
    page."""

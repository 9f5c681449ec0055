"""The story pages: bulletin board, one page per story, monthly digests, archives, and the
page for editors on where stories are missing.

Stories are the part of the site that grows, to thousands of pages, so none of these
pages is in the nav (see SitePage.in_nav) and the listings stay out of search.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..kinds import BEHAVIOUR, VALUE
from ..kinds.stories.kind import Story
from ..model import links
from ..model.coverage import story_coverage
from ..model.handbook import Handbook
from .page import BuildFacts, SitePage

STORY_SEARCH_BOOST = 0.5
"""A story ranks below the behaviour, policy or contact that answers a question: a story
is one time it happened, short, so its few words would otherwise outrank the page a
reader needs ("customer complaint" is looking for what to do)."""
BOARD_LATEST = 12
"""Latest stories on the bulletin board (featured ones come first, on top of these)."""


def story_pages(handbook: Handbook, facts: BuildFacts) -> Iterator[SitePage]:
    words = handbook.words
    not_featured = [story for story in handbook.published if not story.featured]
    latest = not_featured[:BOARD_LATEST]
    yield SitePage(links.STORIES, "stories_board.md.jinja", words("sections.stories"),
                   context={"latest": latest}, searchable=False,
                   shows_only=files_of([*handbook.featured, *latest]))
    published = handbook.published  # newest first: the board's order
    files = [story.written_in.file for story in published]
    for index, story in enumerate(published):
        # The stories next to it on the board, to read on from one to the next.
        newer = published[index - 1] if index > 0 else None
        older = published[index + 1] if index + 1 < len(published) else None
        yield SitePage(
            links.story_page(story.id), Story.template or "", story.title,
            context={
                "story": story, "newer": newer, "older": older,
                "values": [handbook.find(VALUE, v) for v in story.values],
                "behaviours": [handbook.find(BEHAVIOUR, b) for b in story.behaviours],
            },
            in_nav=False, source=files[index], search_boost=STORY_SEARCH_BOOST,
            description=story.situation,
            shows_only=frozenset(files[max(index - 1, 0):index + 2]),
            listed_as=(story.date, story.published, story.featured, tuple(story.values),
                       tuple(story.behaviours)),
        )
    for story in handbook.stories:
        if story.status == "retired":  # the old address says so, rather than "not found"
            yield SitePage(links.story_page(story.id), "story_retired.md.jinja",
                           words("pages.retired story"), in_nav=False, searchable=False,
                           shows_only=frozenset())
    yield from _archive_pages(handbook, facts)
    coverage = story_coverage(handbook, today=facts.today)
    yield SitePage(links.COVERAGE, "coverage.md.jinja", words("pages.coverage"),
                   context={"coverage": coverage, "build": facts.build,
                            "translations": facts.translations},
                   in_nav=False, searchable=False)


def _archive_pages(handbook: Handbook, facts: BuildFacts) -> Iterator[SitePage]:
    words = handbook.words
    months = sorted(handbook.stories_by_month, reverse=True)
    years: dict[str, list[str]] = {}
    for month in months:
        years.setdefault(month[:4], []).append(month)
    # Both list every story by title, date and value only (SitePage.listed_as).
    yield SitePage(links.ARCHIVE, "stories_archive.md.jinja", words("pages.archive"),
                   context={"years": list(years.items())}, in_nav=False, searchable=False,
                   shows_only=frozenset())
    yield SitePage(links.BY_VALUE, "stories_by_value.md.jinja", words("pages.by value"),
                   in_nav=False, searchable=False, shows_only=frozenset())
    for month in months:
        yield SitePage(
            links.month_page(month), "stories_month.md.jinja",
            words("pages.month", month=words.month_name(month)),
            context=digest(handbook, month, facts),
            in_nav=False, searchable=False,
            shows_only=files_of(handbook.stories_by_month.get(month, [])),
        )


def files_of(stories: Iterable[Story | None]) -> frozenset[str]:
    """The files of these stories, for SitePage.shows_only."""
    return frozenset(story.written_in.file for story in stories if story is not None)


def digest(handbook: Handbook, month: str, facts: BuildFacts | None = None) -> dict[str, Any]:
    """A month's newsletter: featured stories first, then the rest by their first value,
    then every tip of the month in one list."""
    stories = handbook.stories_by_month.get(month, [])
    featured = [story for story in stories if story.featured]
    by_value: dict[str, list[Story]] = {}
    for story in stories:
        if not story.featured:
            by_value.setdefault(story.values[0], []).append(story)
    groups = [(value, by_value[value.id]) for value in handbook.values if value.id in by_value]
    notice_board = facts.notice_board if facts else None
    return {
        "month": month, "stories": stories, "featured": featured, "groups": groups,
        "notice_board": notice_board[1] if notice_board and notice_board[0] == month else None,
    }

"""The repository's own handbook as tests see it: whatever `data/` and `handbook/` hold.

Tests of the shipped handbook ask this module which pages to open (a value page, a story,
a month's digest) instead of naming the sample's ids, so an organisation that replaces
`data/` and `handbook/` with its own keeps a suite that tests its handbook.
"""

from __future__ import annotations

from functools import cache

from generator.kinds import BUILT_IN, IDEA, MEASURE
from generator.loading.loader import load_handbook
from generator.model import links
from generator.model.handbook import Handbook
from generator.model.orientation_paths import everyones_path, orientation_paths
from generator.schema import Edition

from .helpers import REPO


@cache
def shipped_handbook() -> Handbook:
    handbook, report = load_handbook(REPO / "data", REPO / "handbook", root=REPO)
    assert handbook is not None, report.format()
    return handbook


def editions_in(language: str | None = None) -> list[Edition]:
    """The shipped editions printed in `language` (by default the one the handbook is
    written in): those whose `languages` name it, and those that name none."""
    handbook = shipped_handbook()
    language = language or handbook.organisation.language
    return [edition for edition in handbook.editions
            if not edition.languages or language in edition.languages]


def page_kinds() -> dict[str, str]:
    """One page of every kind the shipped handbook has, by its address in the site."""
    handbook = shipped_handbook()
    named = [s for s in handbook.published if not s.anonymised]
    anonymised = [s for s in handbook.published if s.anonymised]
    retired = [s for s in handbook.stories if s.status == "retired"]
    kinds = {
        "home": "",
        "values": links.url_of(links.VALUES),
        "value": links.url_of(links.value_page(handbook.values[0].id)),
        "foundation": links.url_of(links.FOUNDATION),
        "behaviours": links.url_of(links.BEHAVIOURS),
        "board": links.url_of(links.STORIES),
        "months": links.url_of(links.ARCHIVE),
        "by value": links.url_of(links.BY_VALUE),
        "orientation": links.url_of(links.ORIENTATION),
        "buddy guide": links.url_of(everyones_path(handbook.orientation).buddy_page),
        "editions": links.url_of(links.EDITIONS),
        "changes": links.url_of(links.CHANGES),
        "coverage": links.url_of(links.COVERAGE),
        "not found": "404.html",
    }
    if named:
        kinds["story"] = links.url_of(links.story_page(named[0].id))
    if anonymised:
        kinds["anonymised story"] = links.url_of(links.story_page(anonymised[0].id))
    if retired:
        kinds["retired story"] = links.url_of(links.story_page(retired[0].id))
    if handbook.stories_by_month:
        kinds["digest"] = links.url_of(links.month_page(max(handbook.stories_by_month)))
    if handbook.pages:
        kinds["written page"] = links.url_of(sorted(handbook.pages)[0])
    paths = orientation_paths(handbook.orientation)
    if len(paths) > 1:
        kinds["role path"] = links.url_of(paths[1].page)
    if handbook.of(MEASURE):
        kinds["measures"] = links.url_of(links.section_page("measures", BUILT_IN) or "")
        kinds["measure"] = links.url_of(links.page_of(handbook.of(MEASURE)[0], BUILT_IN))
    if handbook.shown(IDEA):
        kinds["ideas"] = links.url_of(links.section_page("ideas", BUILT_IN) or "")
    return kinds

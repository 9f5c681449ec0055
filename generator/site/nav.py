"""Listing entry pages (the values' pages) in the site's navigation, under their section.

`mkdocs.yml` lists pages by path, but entry pages come and go with the data. Rather than
asking editors to keep two lists in step, the pages of a kind with pages of its own (see
`page_folder` of its kind) are added after its section's page wherever mkdocs.yml
puts it (when they are not listed by hand). Stories, thousands of them, are reached
through their listings instead.

Material writes the whole nav into every page, so each entry costs once per page: with
more entries than `NAV_ENTRIES_LIMIT` the section's page lists them and the nav does not.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..kinds import BUILT_IN
from ..model import links
from ..model.handbook import Handbook
from ..schema.common import DataModel
from ..schema.registry import EntryKind, Registry
from ..text import theme_text

NAV_ENTRIES_LIMIT = 12
"""Most organisations have a handful of values; past a dozen a nav list stops helping."""


def kinds_listed_in_nav(registry: Registry) -> list[EntryKind[DataModel]]:
    """The kinds whose entries have pages of their own in a section planned from the data
    (values, not stories)."""
    planned = {section.name for section in registry.planned_sections}
    return [kind for kind in registry.kinds if kind.page_folder and kind.section in planned]


def in_nav(handbook: Handbook, kind: EntryKind[DataModel]) -> bool:
    return len(handbook.shown(kind)) <= NAV_ENTRIES_LIMIT


def without_absent_sections(nav: list[Any] | None, handbook: Handbook) -> None:
    """Take out the pages of optional sections the handbook has no entries for (service
    measures in a handbook that has none), and any heading left with nothing under it: a
    shared mkdocs.yml can list them, and a handbook without them still builds strictly."""
    absent = {section.page for section in handbook.registry.sections if section.optional
              and not any(handbook.shown(kind)
                          for kind in handbook.registry.kinds_in(section.name))}
    if nav and absent:
        _drop(nav, absent)


def with_present_sections(nav: list[Any] | None, handbook: Handbook) -> None:
    """Add the page of an optional section the handbook has but the nav does not list (a
    mkdocs.yml written before its first idea was published), or of a section of a kind the
    handbook adds, at the end of the nav, so a strict build does not stop at a page it
    cannot place, and readers can reach it."""
    if not nav:
        return
    for section in handbook.registry.sections:
        if section in BUILT_IN.sections and not section.optional:
            continue  # always made, and placed by mkdocs.yml's nav
        # An optional section's page is made once it has entries; an added kind's always.
        made = not section.optional or any(
            handbook.shown(kind) for kind in handbook.registry.kinds_in(section.name))
        if made and _list_containing(nav, section.page) is None:
            # A section whose entries have pages of their own opens a nav section, so
            # the entries are listed under its page (add_entry_pages).
            with_entries = any(kind.page_folder
                               for kind in handbook.registry.kinds_in(section.name))
            nav.append({Markup(theme_text(handbook.section_title(section.name))):
                        [section.page] if with_entries else section.page})


def _drop(listing: list[Any], pages: set[str]) -> None:
    for item in list(listing):
        if _path_of(item) in pages:
            listing.remove(item)
        elif isinstance(item, dict):
            for child in item.values():
                if isinstance(child, list):
                    _drop(child, pages)
            if all(isinstance(child, list) and not child for child in item.values()):
                listing.remove(item)


def add_entry_pages(nav: list[Any] | None, handbook: Handbook) -> None:
    for kind in kinds_listed_in_nav(handbook.registry):
        section_page = handbook.registry.section[kind.section or ""].page
        if not nav or _mentions(nav, f"{kind.page_folder}/", section_page) or not in_nav(
                handbook, kind):
            continue
        listing = _list_containing(nav, section_page)
        if listing is None:
            continue
        at = next(i for i, item in enumerate(listing) if _path_of(item) == section_page)
        # MkDocs prints nav titles into every page as they are: the names are escaped
        # here, as `Markup`, which the attributes Material escapes again leave as it is.
        listing[at + 1:at + 1] = [
            {Markup(theme_text(handbook.registry.title_of(entry))):
             links.page_of(entry, handbook.registry)}
            for entry in handbook.shown(kind)
        ]


def _path_of(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None


def _list_containing(nav: list[Any], path: str) -> list[Any] | None:
    if any(_path_of(item) == path for item in nav):
        return nav
    for item in nav:
        if isinstance(item, dict):
            for child in item.values():
                if isinstance(child, list) and (found := _list_containing(child, path)):
                    return found
    return None


def _mentions(nav: list[Any], prefix: str, section_page: str) -> bool:
    """True when some page under `prefix` other than its section's page is listed by hand."""
    for item in nav:
        path = _path_of(item)
        if path and path.startswith(prefix) and path != section_page:
            return True
        if isinstance(item, dict) and any(
            isinstance(child, list) and _mentions(child, prefix, section_page)
            for child in item.values()
        ):
            return True
    return False

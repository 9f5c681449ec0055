"""Listing the value pages in the site's navigation, under the section that holds them.

`mkdocs.yml` lists pages by path, but value pages come and go with `values.yml`. Rather
than asking editors to keep two lists in step, the value pages are added after
`values/index.md` wherever mkdocs.yml puts it (when they are not listed by hand).

Material writes the whole nav into every page, so each entry costs once per page: with
more values than `NAV_VALUES_LIMIT` the values page lists them and the nav does not.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..model import links
from ..model.handbook import Handbook
from ..text import theme_text

NAV_VALUES_LIMIT = 12
"""Most organisations have a handful of values; past a dozen a nav list stops helping."""


def values_in_nav(handbook: Handbook) -> bool:
    return len(handbook.values) <= NAV_VALUES_LIMIT


def add_value_pages(nav: list[Any] | None, handbook: Handbook) -> None:
    if not nav or _mentions(nav, "values/") or not values_in_nav(handbook):
        return
    section = _list_containing(nav, links.VALUES)
    if section is None:
        return
    at = next(i for i, item in enumerate(section) if _path_of(item) == links.VALUES)
    # MkDocs prints nav titles into every page as they are: the names are escaped here,
    # as `Markup`, which the attributes Material escapes again leave as it is.
    section[at + 1:at + 1] = [
        {Markup(theme_text(value.name)): links.value_page(value.id)}
        for value in handbook.values
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


def _mentions(nav: list[Any], prefix: str) -> bool:
    """True when some page under `prefix` other than its index is listed by hand."""
    for item in nav:
        path = _path_of(item)
        if path and path.startswith(prefix) and path != links.VALUES:
            return True
        if isinstance(item, dict) and any(
            isinstance(child, list) and _mentions(child, prefix) for child in item.values()
        ):
            return True
    return False

"""A handbook's site in each of its languages: the source language's at the top, each
other one in its own folder (`/pt/`), one build making them all.

What differs between them is here: the menu in the header that leads to the same page in
another language (Material's language selector, one link per page rather than to each
site's home, each marked with its `hreflang`), the navigation's titles, and the notice a
page shows where part of it still reads in the source language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.handbook import Handbook
from ..schema.common import DataModel
from ..schema.organisation import language_folder
from ..translation.notices import SOURCE_PAGE, notice
from .page import SitePage

SAME_PAGE = "__handbook_same_page__/"
"""Stands for the path of the page in another language's site, in the language menu."""


def site_folder(code: str, languages: list[str]) -> str:
    """Where a language's site goes inside the source language's: `` for the source,
    `pt/` for pt-PT."""
    return "" if code == languages[0] else language_folder(code, languages) + "/"


class LanguageMenu:
    """What `extra.alternate` holds for the theme's language menu (partials/alternate.html):
    true, so Material's header shows the menu, but not a list, so Material writes no
    `<link rel="alternate">` of its own (see the partial for why)."""

    def __init__(self, links: list[dict[str, str]]) -> None:
        self.links = links


def alternates(languages: list[str], current: str, own_names: dict[str, str]
               ) -> LanguageMenu:
    """The language menu: each language's name, and the page being read in its site, from
    the current language's site (`pt/<page>` from the source's, `../<page>` from pt's)."""
    up = "../" if current != languages[0] else ""
    return LanguageMenu([{"name": own_names[code], "lang": code,
                          "link": up + site_folder(code, languages) + SAME_PAGE}
                         for code in languages])


def with_page_links(page_html: str, page_url: str | None) -> str:
    """A built page with its language links leading to itself in each language, and its
    notice's link to the source language's page, from the page's own address."""
    if SAME_PAGE not in page_html and SOURCE_PAGE not in page_html:
        return page_html
    path = page_url or ""
    # The theme has made each language's link relative to the page already (`url`).
    page_html = page_html.replace(SAME_PAGE, path)
    return page_html.replace(SOURCE_PAGE, "../" * (path.count("/") + 1) + path)


def translated_nav(nav: Any, translate: Callable[[str], str]) -> Any:
    """mkdocs.yml's `nav` with each title translated (`- Welcome: welcome.md`)."""
    if isinstance(nav, list):
        return [translated_nav(item, translate) for item in nav]
    if isinstance(nav, dict):
        return {translate(title) if isinstance(title, str) else title:
                translated_nav(target, translate) for title, target in nav.items()}
    return nav


def with_page_notices(handbook: Handbook, pages: list[SitePage], rendered: dict[str, str]
                      ) -> dict[str, str]:
    """Each generated page that shows a part still in the source language, with the
    notice under its title (naming the parts, on a page that shows several)."""
    translation = handbook.translation
    if translation is None:
        return rendered
    out = dict(rendered)
    for page in pages:
        parts = _parts_shown(handbook, page)
        late = [part for part in parts if translation.state_of(part)]
        if not late:
            continue
        state = max(translation.state_of(part) for part in late)
        names = [handbook.registry.title_of(part) for part in late] if len(parts) > 1 else []
        out[page.path] = under_title(rendered[page.path], notice(handbook, state, names))
    return out


def _parts_shown(handbook: Handbook, page: SitePage) -> list[DataModel]:
    """The entries a page shows in full: its own entry, the entries of a section shown
    on the section's page, or the orientation path."""
    context = page.context
    entry = context.get("entry") or context.get("story")
    if isinstance(entry, DataModel):
        return [entry]
    if "entries" in context and "kinds" in context:
        return [item for kind in context["kinds"] if not kind.page_folder
                for item in context["entries"].get(kind.name, [])]
    if "days" in context and page.source == handbook.orientation.written_in.file:
        return [handbook.orientation]
    return []


def under_title(markdown: str, notice_html: str) -> str:
    """`markdown` with `notice_html` after its first heading (or at its start)."""
    if not notice_html:
        return markdown
    lines = markdown.split("\n")
    in_front_matter = bool(lines) and lines[0] == "---"
    first_body = 0
    for index, line in enumerate(lines):
        if in_front_matter:
            if index > 0 and line == "---":
                in_front_matter = False
                first_body = index + 1
            continue
        if line.startswith("# "):
            return "\n".join([*lines[:index + 1], "", notice_html, "", *lines[index + 1:]])
    return "\n".join([*lines[:first_body], notice_html, "", *lines[first_body:]])

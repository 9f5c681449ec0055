"""Which pages the handbook site has, and their Markdown.

`plan_site` lists the pages (path, template, what they show); `render_site` turns the
plan into Markdown text. Both are pure: a Handbook in, text out, no MkDocs involved, so
they are tested on their own and another site engine could use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from ..drawing.charts import SITE_PAINT
from ..drawing.measure_charts import measure_helpers
from ..editions.build import EditionResult
from ..history.commits import Changelog, DatedChange
from ..intake.forms import IDEA_FORM
from ..model import links
from ..model.changes import merged
from ..model.foundation_diagram import foundation_svg
from ..model.handbook import Handbook
from ..model.orientation_paths import answer_letter, orientation_paths, question_refs
from ..model.orientation_readings import reading_label
from ..schema import Reading
from ..schema.common import DataModel
from ..schema.registry import EntryKind, Section
from ..templating import render
from ..text import description, inline, theme_text
from .nav import in_nav
from .orientation_pages import orientation_pages
from .page import BuildFacts, SitePage
from .share_block import share_block
from .story_pages import files_of, story_pages

HOME_FEATURED, HOME_LATEST = 3, 5
"""The stories the home page shows: featured ones as cards, then the latest as a list."""
BADGE_COLOURS = 8
"""Distinct badge colours in the stylesheet; values beyond that reuse them in order."""


def plan_site(handbook: Handbook, facts: BuildFacts) -> list[SitePage]:
    """Every generated page of the site, in a stable order.

    `facts` are what the build knows besides the data (its date, the PDFs it made, the git
    history); where it knows nothing (no PDFs, no history) the pages say so.
    """
    planned = handbook.registry.planned_sections
    featured, latest = handbook.featured[:HOME_FEATURED], handbook.published[:HOME_LATEST]
    return [
        # The home page gathers from every file, so it has no single file to edit. It keeps
        # the navigation (hiding only the contents): the way to every page.
        SitePage(links.HOME, "home.md.jinja", handbook.organisation.title,
                 hide=("toc",), description=handbook.organisation.tagline,
                 context={"orientation_paths": orientation_paths(handbook.orientation),
                          "featured": featured, "latest": latest},
                 shows_only=files_of([*featured, *latest])),
        *(_section_page(handbook, section) for section in planned
          if not section.optional or any(handbook.shown(kind)
                                         for kind in handbook.registry.kinds_in(section.name))),
        *orientation_pages(handbook),
        _editions_page(handbook, facts.editions),
        _changes_page(handbook, facts.changelog),
        *(page for section in planned for kind in handbook.registry.kinds_in(section.name)
          if kind.page_folder for page in _entry_pages(handbook, kind)),
        *story_pages(handbook, facts),
    ]


def render_site(
    handbook: Handbook, env: jinja2.Environment, pages: list[SitePage]
) -> dict[str, str]:
    """Markdown text of every generated page, keyed by its path inside the docs folder."""
    _install_helpers(env, handbook)
    return {
        page.path: _front_matter(page) + render(
            env, page.template, {"page": page, "here": page.path, **page.context}
        )
        for page in pages
    }


def _section_page(handbook: Handbook, section: Section) -> SitePage:
    """The page of a section planned from the data (values, foundation, behaviours): its
    template is given every entry of the kinds it shows, as `entries` by kind name."""
    kinds = handbook.registry.kinds_in(section.name)
    return SitePage(
        section.page, section.template or "", handbook.section_title(section.name),
        context={"section": section, "kinds": kinds,
                 "entries": {kind.name: handbook.shown(kind) for kind in kinds}},
        source=next((entries[0].written_in.file for kind in kinds
                     if (entries := handbook.shown(kind))), None),
    )


def _editions_page(handbook: Handbook, editions: list[EditionResult] | None) -> SitePage:
    made = {result.edition.id: result for result in editions or []}
    return SitePage(
        links.EDITIONS, "editions.md.jinja", handbook.words("pages.editions"),
        context={"made": made, "built": editions is not None},
        source=handbook.editions[0].written_in.file if handbook.editions else None,
    )


CHANGELOG_LIMIT = 400
"""Changes listed on the changelog page; older ones stay in git's history."""


def _changes_page(handbook: Handbook, changelog: Changelog) -> SitePage:
    # Each month lists an entry once, at its newest change: an entry edited in three
    # commits of a month is one line, not three.
    by_entry: dict[tuple[str, str, str], list[DatedChange]] = {}
    for dated in changelog.changes[:CHANGELOG_LIMIT]:
        key = (dated.when.strftime("%Y-%m"), dated.change.kind, dated.change.id)
        by_entry.setdefault(key, []).append(dated)
    months: dict[str, list[DatedChange]] = {}
    for (month, _, _), changes in by_entry.items():
        change = merged([dated.change for dated in changes])
        if change is not None:
            months.setdefault(month, []).append(replace(changes[0], change=change))
    for items in months.values():
        items.sort(key=lambda dated: dated.when, reverse=True)
    return SitePage(
        links.CHANGES, "changes.md.jinja", handbook.words("pages.changes"),
        context={"changelog": changelog, "months": list(months.items()),
                 "more": len(changelog.changes) > CHANGELOG_LIMIT or not changelog.complete},
        searchable=False,
    )


def _entry_pages(handbook: Handbook, kind: EntryKind[DataModel]) -> Iterator[SitePage]:
    """A page for each entry of a kind with pages of its own (values), from its model's
    template, which is given the entry (as `entry` and by its kind's name: `value`) and
    what refers to it (`referrers`: the published stories, behaviours ... that name it)."""
    listed = in_nav(handbook, kind)
    for entry in handbook.shown(kind):
        yield SitePage(
            links.page_of(entry, handbook.registry), kind.model.template or "",
            handbook.registry.title_of(entry),
            context={"entry": entry, kind.name: entry, "referrers": handbook.referrers(entry)},
            source=entry.written_in.file, in_nav=listed,
            description=handbook.registry.description_of(entry),
        )


def _front_matter(page: SitePage) -> str:
    # The home page's browser title is the site name alone, which Material only does
    # when the page sets no title of its own. Titles go into the theme's HTML unescaped
    # (nav, <title>), so they are escaped here.
    meta: dict[str, Any] = {} if page.path == links.HOME else {"title": theme_text(page.title)}
    if not page.searchable:
        meta["search"] = {"exclude": True}
    elif page.search_boost is not None:
        meta["search"] = {"boost": page.search_boost}
    if page.description:
        meta["description"] = theme_text(description(page.description))
    if page.hide:
        meta["hide"] = list(page.hide)
    # libyaml's emitter: PyYAML's pure-Python one took a third of rendering the pages.
    front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return "---\n" + front + "---\n\n"


_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _install_helpers(env: jinja2.Environment, handbook: Handbook) -> None:
    """Functions templates call: links relative to the page, dates, badge colours."""
    colour = {
        value.id: f"hb-badge--c{i % BADGE_COLOURS}" for i, value in enumerate(handbook.values)
    }

    @jinja2.pass_context
    def link(context: jinja2.runtime.Context, target: object) -> Markup:
        return Markup(links.relative_link(context["here"],
                                          links.page_of(target, handbook.registry)))

    @jinja2.pass_context
    def reading_link(context: jinja2.runtime.Context, reading: Reading) -> Markup:
        label, target = _reading_target(handbook, reading)
        return Markup("[{}]({})").format(inline(label), link(context, target))

    env.globals.update(
        handbook=handbook,
        link=link,
        reading_link=reading_link,
        # Drawn on the foundation page, whose headings carry the elements' ids.
        foundation_diagram=lambda: foundation_svg(
            handbook, lambda element: f"#{element.id}", handbook.section_title("foundation")),
        badge_class=lambda value: Markup(colour.get(value.id, "hb-badge--c0")),
        links=links,
    )
    env.filters.update(
        minutes=lambda n: handbook.words("units.minutes", minutes=n),
        excerpt=_excerpt,
        answer_letter=answer_letter,
    )
    env.globals["question_refs"] = partial(question_refs, handbook.words)
    env.globals["share_idea"] = lambda: Markup(share_block(handbook, IDEA_FORM))
    env.globals.update(measure_helpers(handbook, SITE_PAINT))


def _reading_target(handbook: Handbook, reading: Reading) -> tuple[str, object]:
    """What an orientation reading is called in the list, and what it links to."""
    kind, target = reading.kind, reading.target
    label = reading_label(handbook, reading)
    if kind == "page":
        return label, target
    if kind == "section":
        return label, links.section_page(target, handbook.registry)
    return label, handbook.find_named(kind, target)


def _excerpt(text: str, words: int = 32) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")

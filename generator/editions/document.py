"""The print HTML of one edition, from the print templates and the edition's plan."""

from __future__ import annotations

import base64
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..drawing.measure_charts import measure_helpers
from ..errors import HandbookError
from ..intake.forms import FORMS, IDEA_FORM, STORY_FORM, Form, form_address
from ..kinds import VALUE
from ..kinds.stories.kind import Story
from ..model import links
from ..model.colours import palette
from ..model.foundation_diagram import foundation_svg
from ..model.handbook import Handbook
from ..model.orientation_paths import answer_letter, question_refs
from ..model.orientation_readings import orientation_days, reading_label
from ..schema import Reading
from ..schema.registry import entry_id
from ..sources.print_fonts import extra_families, fallback_stack, font_url
from ..sources.safe_files import UnsafeFile, read_inside
from ..templating import make_environment, render
from ..text import inline, run_in_paragraphs
from ..translation.notices import notice
from .markdown_pages import MarkdownSettings, PageRenderer
from .pdf import MAX_RESOURCE_BYTES
from .plan import EditionPlan

PAPER_SIZES = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class Stamp:
    """What identifies a printed copy: edition version, date, commit and content."""

    version: str
    effective: datetime
    commit: str | None
    fingerprint: str
    dirty: bool = False
    """The data had changes that were not committed: the commit alone does not describe it."""
    commit_known: bool = True
    """False when git failed: no commit is shown, and none is said to be missing."""

    @property
    def effective_iso(self) -> str:
        return self.effective.isoformat()


SHORT_STORY_WORDS = 150
"""A story told in fewer words fits a third of a page: printed whole, never split."""


def edition_html(
    handbook: Handbook, plan: EditionPlan, stamp: Stamp, *, paper: str,
    markdown: MarkdownSettings, docs_dir: Path, overrides_dir: Path | None,
) -> str:
    """The edition's print HTML."""
    env = make_environment("print", overrides_dir, handbook.words, handbook.registry)
    renderer = PageRenderer(markdown, docs_dir, {form.marker: _share_in_print(handbook, form)
                                                  for form in FORMS})
    link_target = _link_target(handbook, plan)
    pages_html = {
        chapter.page_path: renderer.render(
            handbook.pages[chapter.page_path], chapter.anchor, link_target)
        for chapter in plan.chapters if chapter.page_path
    }
    def site_link(kind: str, entry_id: str) -> str | None:
        return _site_url(handbook, _docs_path(handbook, kind, entry_id))

    def reading_ref(reading: Reading) -> Markup:
        kind, target = reading.kind, reading.target
        anchor = plan.anchor("section" if kind == "section" else kind, target)
        label = reading_label(handbook, reading)
        if anchor:
            return Markup('<a class="xref" href="#{}">{}</a>').format(anchor, label)
        url = site_link(kind, target)
        return Markup('<a href="{}">{}</a>').format(url, label) if url else Markup.escape(label)

    env.globals.update(font_globals(overrides_dir), site_link=site_link,
                       reading_ref=reading_ref,
                       foundation_diagram=lambda: foundation_svg(
                           handbook, lambda element: f"#element-{element.id}",
                           handbook.section_title("foundation"), _diagram_paint(handbook)))
    env.globals["translation_notice"] = partial(_chapter_notice, handbook, plan)
    env.globals["question_refs"] = partial(question_refs, handbook.words)
    env.globals["SHORT_STORY_WORDS"] = SHORT_STORY_WORDS
    env.globals.update(measure_helpers(handbook, _chart_paint(handbook)))
    env.filters.update(
        css_string=css_string,
        run_in=run_in_paragraphs,
        value_name=lambda value_id: handbook.entry(VALUE, value_id).name,
        answer_letter=answer_letter,
    )
    context: dict[str, Any] = {
        "handbook": handbook, "plan": plan, "edition": plan.edition, "stamp": stamp,
        "paper_size": PAPER_SIZES[paper], "pages_html": pages_html,
        "stories_by_value": _stories_by_value(plan.stories),
        "days": orientation_days(handbook, plan.path), "path": plan.path,
        "logo_url": _logo(handbook, docs_dir),
        "share_idea": Markup(_share_in_print(handbook, IDEA_FORM)),
        "colours": palette(handbook.organisation.colours),
    }
    return render(env, "edition.html.jinja", context)


def _chapter_notice(handbook: Handbook, plan: EditionPlan, chapter: Any) -> Markup:
    """Under a chapter's title, in a translated edition: which of what it prints still
    reads in the source language (naming them, in a chapter that prints several)."""
    translation = handbook.translation
    if translation is None:
        return Markup("")
    parts: list[Any]
    if chapter.page_path:
        parts = [chapter.page_path]
    elif chapter.kind == "orientation":
        parts = [handbook.orientation]
    elif chapter.kind == "stories":
        parts = list(plan.stories)
    else:
        parts = [entry for kind in handbook.registry.kinds_in(chapter.kind)
                 for entry in handbook.shown(kind)]
    late = [part for part in parts if translation.state_of(part)]
    if not late:
        return Markup("")
    names = [handbook.registry.title_of(part) for part in late
             if not isinstance(part, str)] if len(parts) > 1 else []
    state = max(translation.state_of(part) for part in late)
    return Markup(notice(handbook, state, names, printed=True))


def _share_in_print(handbook: Handbook, form: Form = STORY_FORM) -> str:
    """The ways to use a form (share a story, raise an idea), as a printed page can give
    them: addresses to type."""
    address = form_address(handbook, form, to_type=True)
    email = handbook.organisation.story_email
    curator = handbook.organisation.story_curator
    said = [handbook.words(f"{form.words}.print form", address=address) if address else "",
            handbook.words(f"{form.words}.print email", email=email) if email else "",
            handbook.words(f"{form.words}.curator", curator=curator) if curator else ""]
    return inline(" ".join(part for part in said if part))


def _diagram_paint(handbook: Handbook) -> dict[str, dict[str, str]]:
    """The foundation drawing's colours, written into the SVG: WeasyPrint does not style
    inline SVG from the page's stylesheet."""
    shades = palette(handbook.organisation.colours)
    text = {"font-family": "Handbook Sans", "font-size": "12"}
    return {
        "hb-fd-roof": {"fill": shades.primary},
        "hb-fd-band": {"fill": shades.primary_tint},
        "hb-fd-label": {"fill": shades.primary_dark, "font-family": "Handbook Sans",
                        "font-size": "13", "font-weight": "bold"},
        "hb-fd-block": {"fill": "#ffffff", "stroke": shades.primary, "stroke-width": "1.5"},
        "hb-fd-text": {"fill": "#1d2521", **text},
    }


def _chart_paint(handbook: Handbook) -> dict[str, str]:
    """The measures' chart colours for paper (see drawing/charts.py): the organisation's
    colour first, then hues that stay apart when printed in grey."""
    primary = palette(handbook.organisation.colours).primary
    series = [primary, "#1f5fa8", "#b45309", "#6b3fa0", "#00796b", "#ad1457"]
    return {"font": "Handbook Sans", "text": "#1d2521", "grid": "#9aa5a0",
            "target": "#b3261e", **{f"series-{n}": colour for n, colour in enumerate(series, 1)}}


def font_globals(overrides_dir: Path | None) -> dict[str, Any]:
    """What `_fonts.css` and the stylesheets need to name the print fonts."""
    return {"font_url": lambda name: font_url(name, overrides_dir),
            "extra_fonts": extra_families(overrides_dir),
            "fallback_fonts": Markup(fallback_stack(overrides_dir))}


def css_string(text: str) -> Markup:
    """Text for inside a CSS string: anything but letters, digits and spaces as an escape,
    so no quote, backslash or `</style>` in a title can end the string or the stylesheet.
    Each escape ends with a space, which CSS takes as part of it: a space written after
    one (`Vol. 2`) would be taken instead, and lost."""
    return Markup("".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):06x} " for char in text
    ))


def _logo(handbook: Handbook, docs_dir: Path) -> str | None:
    """The organisation's logo for the cover, as an image address (never inline markup).

    An SVG logo drawn in `currentColor` (as the site's header wants it) would print black,
    so its colour is written in as white. As an image it can run nothing and link nowhere.
    """
    logo = handbook.organisation.logo
    if not logo:
        return None
    path = docs_dir / logo
    if not logo.lower().endswith(".svg"):
        return path.resolve().as_uri()  # read by the layout, through its checked fetcher
    try:
        svg = read_inside(path, docs_dir, limit=MAX_RESOURCE_BYTES, folder_name="the pages folder")
        text = svg.decode("utf-8").replace("currentColor", "#ffffff")
    except (UnsafeFile, UnicodeDecodeError) as error:
        reason = error.problem if isinstance(error, UnsafeFile) else "it is not UTF-8 text"
        raise HandbookError(f"the logo {logo} cannot be printed: {reason}") from None
    return "data:image/svg+xml;base64," + base64.b64encode(text.encode()).decode()


def _stories_by_value(stories: list[Story]) -> dict[str, list[Story]]:
    grouped: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        for value_id in story.values:
            grouped[value_id].append(story)
    return grouped


def _docs_path(handbook: Handbook, kind: str, entry_id: str) -> str | None:
    """Where the site shows an entry, as a docs path (`values/respect.md`)."""
    if kind == "page":
        return entry_id
    if kind == "section":
        return links.section_page(entry_id, handbook.registry)
    if kind == "day":
        return f"{links.ORIENTATION}#day-{entry_id}"
    entry = handbook.find_named(kind, entry_id) if kind in handbook.registry.kind else None
    return links.page_of(entry, handbook.registry) if entry is not None else None


def _site_url(handbook: Handbook, docs_path: str | None) -> str | None:
    site = handbook.organisation.site_url
    if not site or docs_path is None:
        return None
    return site.rstrip("/") + "/" + links.url_of(docs_path)


def _link_target(handbook: Handbook, plan: EditionPlan) -> Any:
    """Where a link in a hand-written page goes in print: into this PDF, or to the site."""
    by_path: dict[str, tuple[str, str]] = {path: ("page", path) for path in handbook.pages}
    by_path.update({section.page: ("section", section.name)
                    for section in handbook.registry.sections})
    by_path.update({links.page_of(entry, handbook.registry): (kind.name, entry_id(entry))
                    for kind in handbook.registry.kinds if kind.page_folder
                    for entry in handbook.shown(kind)})

    def target(path: str, fragment: str) -> str | None:
        kind, entry_id = by_path.get(path, ("", ""))
        anchor = plan.anchor(kind, entry_id) if kind else None
        if anchor:
            if fragment and kind == "page":
                return f"#{anchor}-{fragment}"
            return f"#{anchor}"
        return _site_url(handbook, path + (f"#{fragment}" if fragment else ""))

    return target

"""Putting editors' plain text into Markdown and HTML so that it is shown, never run.

Data text is plain text by rule: a story from any colleague may hold `<script>`,
`[a link](javascript:...)`, `{{ template }}` or `*stars*`, and each must reach the
reader as the characters typed. HTML escaping alone is not enough in Markdown, which
would still turn `[x](javascript:...)` into a live link and `*x*` into emphasis, so the
characters Markdown (and its extensions) give meaning to become character references
(`&#42;`), which Markdown leaves alone and the browser shows as the character.
"""

from __future__ import annotations

import re
import string
from typing import Any

from markupsafe import Markup, escape

# Markdown, attr_list, tables, admonitions, pymdownx (emoji, mark, caret, tilde, keys,
# critic) give these characters meaning inside a line; HTML gives meaning to the rest.
# One table, applied in one pass, so no replacement is escaped a second time.
_SPECIAL = str.maketrans({
    **{char: f"&#{ord(char)};" for char in "\\`*_{}[]#|~^=+:!$"},
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
})
# At the start of a block these start lists, numbered lists or collapsible blocks (`???`);
# `>` and `!!!` are escaped already.
_BLOCK_START = re.compile(r"^(\s*)(-|\d+[.)]|\?)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def inline(text: object) -> Markup:
    """One line of plain text, safe inside any Markdown line: heading, list item, table cell."""
    if isinstance(text, Markup):
        return text
    flat = " ".join(str(text).split())
    escaped = flat.translate(_SPECIAL)
    return Markup(_BLOCK_START.sub(_escape_block_start, escaped, count=1))


_PART = "\x00{}\x00"
"""Stands for a part of a sentence while its words are made inert (no text holds NUL)."""


def inline_sentence(text: str, parts: dict[str, object], *, markdown: bool = True) -> Markup:
    """A sentence with `{fields}` (`{foundation}, then read the {behaviours}`) whose
    fields are marked-up parts (a link, emphasis): its own words made inert as any text is
    (for Markdown, or for HTML with `markdown=False`), each part as it is when it is
    Markup, and made inert too when it is plain text."""
    fields: list[str] = []
    pieces: list[str] = []
    for literal, field, _, _ in string.Formatter().parse(text):
        pieces.append(literal)
        if field is not None:
            pieces.append(_PART.format(len(fields)))
            fields.append(field)
    flat = " ".join("".join(pieces).split())  # one line, as `inline` makes any text
    if markdown:
        out = _BLOCK_START.sub(_escape_block_start, flat.translate(_SPECIAL), count=1)
    else:
        out = str(escape(flat))
    for number, field in enumerate(fields):
        part = parts[field]
        shown = part if isinstance(part, Markup) else (
            inline(part) if markdown else escape(str(part)))
        out = out.replace(_PART.format(number), str(shown), 1)
    return Markup(out)


def paragraphs(text: object) -> Markup:
    """Plain text with blank lines between paragraphs, as Markdown paragraphs."""
    if isinstance(text, Markup):
        return text
    parts = [part for part in _PARAGRAPH_BREAK.split(str(text).strip()) if part.strip()]
    return Markup("\n\n").join(inline(part) for part in parts)


def html_paragraphs(text: object) -> Markup:
    """Plain text as HTML `<p>` elements, for print templates that are HTML already."""
    parts = [part for part in _PARAGRAPH_BREAK.split(str(text).strip()) if part.strip()]
    return Markup("\n").join(Markup("<p>{}</p>").format(" ".join(part.split())) for part in parts)


def run_in_paragraphs(text: object, heading: str) -> Markup:
    """Paragraphs whose first one opens with a bold run-in heading: "**The outcome.** It..."."""
    paragraphs_html = [
        " ".join(part.split()) for part in _PARAGRAPH_BREAK.split(str(text).strip()) if part.strip()
    ]
    opening = paragraphs_html[0] if paragraphs_html else ""
    first = Markup("<p><b>{}.</b> {}</p>").format(heading, opening)
    rest = [Markup("<p>{}</p>").format(part) for part in paragraphs_html[1:]]
    return Markup("\n").join([first, *rest])


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    return match.group(1) + marker[:-1] + f"&#{ord(marker[-1])};"


def theme_text(text: str) -> str:
    """Text for the theme's templates, which print settings, titles and tags unescaped.

    Only what HTML needs (`& < > "`): apostrophes stay, so "What's changed" reads the same
    wherever the theme puts it.
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def people_line(story: Any) -> str:
    """`Sam Taylor (Customer service), Ana Ruiz (Support)`, or roles for an anonymised story."""
    return ", ".join(story.shown_people)


DESCRIPTION_LENGTH = 160
"""About what search engines and link previews show of a page's description."""


def description(text: str) -> str:
    """A page's description for its `<meta name="description">`: the first paragraph of
    `text`, on one line, cut at a word before DESCRIPTION_LENGTH characters."""
    first = " ".join(text.strip().split("\n\n", 1)[0].split())
    if len(first) <= DESCRIPTION_LENGTH:
        return first
    cut = first[:DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_NOT_PROSE = re.compile(r"^\s*(?:#|<|!!!|\||```|-|\*\s|\d+\.\s|>|\{:|\[TOC\])")


def first_paragraph(markdown: str) -> str:
    """The first paragraph of prose in a page's Markdown, as plain text: headings, HTML,
    lists, tables, code and notes are passed over; links keep their text."""
    for block in markdown.split("\n\n"):
        if not block.strip() or _NOT_PROSE.match(block):
            continue
        text = _MARKDOWN_LINK.sub(r"\1", block)
        return " ".join(text.replace("**", "").replace("`", "").split())
    return ""

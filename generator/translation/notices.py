"""What a reader is told where a translated page or part still reads in the source
language: on the site with a link to the page in that language, in print without."""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..model.handbook import Handbook
from .lookup import State

SOURCE_PAGE = "__handbook_source_page__"
"""Stands for the address of the same page in the source language until the page's own
address is known (site/languages.py: `with_page_links`), when the notice is written in."""


def notice(handbook: Handbook, state: int, names: Iterable[str] = (), *, printed: bool = False
           ) -> str:
    """The notice for a page or a part that reads in the source language, as HTML: on
    the site with a link to the page in the source language, in print without."""
    translation = handbook.translation
    if translation is None or not state:
        return ""
    words = handbook.words
    source = translation.source_name
    sentence = words("translation.stale" if state >= State.STALE else "translation.missing",
                     source=source)
    named = list(names)
    if named:
        sentence += " " + words("translation.parts", names=words.and_list(named))
    text = html.escape(sentence, quote=False)
    if printed:
        return f'<aside class="translation-notice">{text}</aside>'
    link = (f' <a href="{SOURCE_PAGE}" hreflang="{html.escape(translation.source_language)}">'
            f'{html.escape(words("translation.source page", source=source))}</a>')
    return (f'<div class="admonition info hb-translation-notice" role="note">'
            f"<p>{text}{link}</p></div>")

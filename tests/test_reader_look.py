"""What a reader sees as a link is one: a story card's title in the colour of links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .browser import DESKTOP, serve_folder

COLOURS = """() => ({
  card: getComputedStyle(document.querySelector('a.hb-card__title')).color,
  text: getComputedStyle(document.querySelector('.md-typeset')).color,
  link: getComputedStyle(document.querySelector('.md-typeset p a:not(.md-button)')).color,
})"""


def test_a_story_cards_title_is_coloured_as_a_link(small_site: Path, browser: Any) -> None:
    with serve_folder(small_site) as base:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base + "stories/")
        seen = page.evaluate(COLOURS)
        assert seen["card"] == seen["link"] and seen["card"] != seen["text"], seen
        page.close()

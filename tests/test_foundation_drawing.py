"""The drawing of the foundation is whole at every desktop width, and on a phone it scrolls
on its own and says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .browser import serve_folder

SCROLLS = """() => {
  const figure = document.querySelector('.hb-foundation-figure');
  return {overflow: figure.scrollWidth - figure.clientWidth,
          hint: getComputedStyle(document.querySelector('.hb-foundation-scroll')).display};
}"""


@pytest.mark.parametrize("width", [1280, 1440, 1600, 1920])
def test_the_whole_drawing_shows_at_desktop_widths(small_site: Path, browser: Any,
                                                   width: int) -> None:
    with serve_folder(small_site) as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(base + "foundation/")
        seen = page.evaluate(SCROLLS)
        assert seen == {"overflow": 0, "hint": "none"}, width
        page.close()


def test_on_a_phone_the_drawing_scrolls_and_says_so(small_site: Path, browser: Any) -> None:
    with serve_folder(small_site) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + "foundation/")
        seen = page.evaluate(SCROLLS)
        assert seen["overflow"] > 0 and seen["hint"] == "block"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page does not
        page.close()

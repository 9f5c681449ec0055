"""The built handbook in a real headless Chromium, at desktop and phone widths.

Screenshots of the pages a person looks at first are kept in the test's temporary folder
(printed with -s) so they can be looked at after a run.
"""

from __future__ import annotations

from typing import Any

import pytest

from .browser import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "value": "values/respect/",
    "board": "stories/",
    "story": "stories/wheel-rebuilt-before-the-coast-ride/",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGES)
def test_page_renders_without_sideways_scrolling(
    browser: Any, site_url: str, kind: str, viewport: dict[str, int],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + PAGES[kind])
    assert page.locator("article h1").first.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {viewport['width']}px"
    folder = tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"{kind}-{viewport['width']}.png"), full_page=True)
    assert errors == []
    page.close()


def test_home_shows_values_and_featured_stories(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    assert page.locator(".hb-value").count() == 8
    assert page.locator(".hb-card--featured").count() == 3
    assert page.get_by_role("link", name="New here? Start your first week").is_visible()
    page.close()


def test_reader_goes_from_a_value_to_a_story_and_back(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(site_url + "values/respect/")
    card = page.locator(".hb-card").first
    title = card.locator(".hb-card__title").inner_text()
    card.click(position={"x": 30, "y": 30})  # anywhere on the card opens the story
    page.wait_for_url("**/stories/**")
    assert page.locator("article h1").first.inner_text().rstrip("¶") == title
    assert page.locator(".admonition.tip").is_visible()
    page.go_back()
    page.wait_for_url("**/values/respect/")
    assert page.locator("article h1").first.inner_text().rstrip("¶") == "Respect"
    page.close()


def test_search_finds_a_story_by_a_word_of_its_tip(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    page.locator(".md-search__input").first.click()
    page.keyboard.type("recognised")  # from the coast ride story's tip
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=30_000)  # the search worker indexes the site first
    assert "coast ride" in page.locator(".md-search-result").inner_text().lower()
    page.close()

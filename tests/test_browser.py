"""The built handbook in a real headless Chromium, at desktop and phone widths.

Screenshots of the pages a person looks at first are kept in the test's temporary folder
(printed with -s) so they can be looked at after a run.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator.model import links

from .browser import DESKTOP, PHONE
from .shipped import page_kinds, shipped_handbook

PAGES = {kind: path for kind, path in page_kinds().items()
         if kind in {"home", "value", "board", "story"}}


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


@pytest.mark.sample
def test_home_shows_values_and_featured_stories(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    assert page.locator(".hb-value").count() == 8
    assert page.locator(".hb-card--featured").count() == 3
    assert page.get_by_role("link", name="New here? Start your first week").is_visible()
    page.close()


def test_reader_goes_from_a_value_to_a_story_and_back(browser: Any, site_url: str) -> None:
    handbook = shipped_handbook()
    value = next((v for v in handbook.values if handbook.stories_by_value.get(v.id)), None)
    if value is None:
        pytest.skip("no value of this handbook has a published story yet")
    address = links.url_of(links.value_page(value.id))
    page = browser.new_page(viewport=PHONE)
    page.goto(site_url + address)
    card = page.locator(".hb-card").first
    title = card.locator(".hb-card__title").inner_text()
    card.click(position={"x": 30, "y": 30})  # anywhere on the card opens the story
    page.wait_for_url("**/stories/**")
    assert page.locator("article h1").first.inner_text().rstrip("¶") == title
    assert page.locator(".admonition.tip").is_visible()
    page.go_back()
    page.wait_for_url(f"**/{address}")
    assert page.locator("article h1").first.inner_text().rstrip("¶") == value.name
    page.close()


@pytest.mark.sample
def test_search_finds_a_story_by_a_word_of_its_tip(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    page.locator(".md-search__input").first.click()
    page.keyboard.type("recognised")  # from the coast ride story's tip
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=30_000)  # the search worker indexes the site first
    assert "coast ride" in page.locator(".md-search-result").inner_text().lower()
    page.close()

"""Every page can be reached from the home page at every width, and an address that leads
nowhere offers the ways on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .browser import PHONE, serve_folder

NAV_LINKS = ".md-nav--primary .md-nav__link[href]"


def _nav_targets(page: Any) -> set[str]:
    """Where the primary navigation's links lead, as absolute addresses."""
    return set(page.eval_on_selector_all(NAV_LINKS, "links => links.map(link => link.href)"))


@pytest.mark.parametrize("width", [1220, 1280, 1600])
def test_the_home_page_shows_the_navigation_on_a_wide_screen(
        small_site: Path, browser: Any, width: int) -> None:
    with serve_folder(small_site) as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(base)
        visible = page.eval_on_selector_all(
            NAV_LINKS, "links => links.filter(link => link.offsetParent !== null"
                       " && link.getBoundingClientRect().width > 0).map(link => link.href)")
        on_another_page = browser.new_page(viewport={"width": width, "height": 900})
        on_another_page.goto(base + "changes/")
        assert set(visible) >= _nav_targets(on_another_page) - {base + "changes/"}
        assert len(visible) >= 5
        page.close()
        on_another_page.close()


def test_the_home_page_offers_the_menu_on_a_phone(small_site: Path, browser: Any) -> None:
    with serve_folder(small_site) as base:
        page = browser.new_page(viewport=PHONE)
        page.goto(base)
        assert page.is_visible("label.md-header__button[for='__drawer']")
        page.close()


def test_a_missing_page_leads_to_every_main_page(small_site: Path, browser: Any) -> None:
    with serve_folder(small_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "404.html")
        offered = page.eval_on_selector_all(
            "article a[href]", "links => links.map(link => link.href)")
        top_level = page.eval_on_selector_all(
            ".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link[href]",
            "links => links.map(link => link.href)")
        assert top_level and set(top_level) <= set(offered)
        for address in offered:
            response = page.request.get(address)
            assert response.ok, address
        page.close()

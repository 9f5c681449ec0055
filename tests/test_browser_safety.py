"""The built site in a real Chromium: nothing fetched from elsewhere, nothing run from data,
readable on a phone and in print, and accessible (axe-core)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest

from .browser import DESKTOP, PHONE, serious_axe_violations, serve_folder
from .helpers import BuildSite, make_project, write
from .pdfs import fold, page_texts
from .shipped import page_kinds

# One page of every kind the shipped handbook has, whatever data/ holds.
PAGE_KINDS = page_kinds()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_works_offline_and_fits_a_phone(browser: Any, site_url: str, kind: str) -> None:
    """All requests outside the local site are blocked and logged: there must be none; and
    at a phone's width nothing makes the page scroll sideways."""
    page = browser.new_page(viewport=PHONE)
    outside: list[str] = []
    problems: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    assert outside == []
    assert problems == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px on a phone"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_is_accessible(browser: Any, site_url: str, kind: str, scheme: str) -> None:
    page = browser.new_page(viewport=DESKTOP, color_scheme=scheme)
    page.goto(site_url + PAGE_KINDS[kind])
    serious = serious_axe_violations(page)
    assert serious == [], f"{kind} ({scheme}): {serious}"
    images = page.evaluate("[...document.images].filter(i => !i.hasAttribute('alt')).length")
    assert images == 0
    page.close()


def test_print_hides_the_navigation(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url + PAGE_KINDS["story"])
    assert page.locator(".md-sidebar--primary").is_visible()
    page.emulate_media(media="print")
    for part in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(part).first.is_visible(), f"{part} prints"
    assert page.locator("article h1").is_visible()
    page.close()


HOSTILE = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "[click me](javascript:window.__pwned='link')",
    "<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>",
    "<a href=\"javascript:window.__pwned='anchor'\">anchor</a>",
    "{{ config.site_name }} {% if true %}template{% endif %}",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "<details open ontoggle=\"window.__pwned='details'\">x</details>",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    """A handbook whose story, value and organisation text is every trick at once."""
    project = make_project(tmp_path_factory.mktemp("hostile") / "project")
    payload = " ".join(HOSTILE)
    quoted = payload.replace("'", "''")
    story = project / "data/stories/signed-copy-found.yml"
    text = story.read_text()
    for field_name in ("situation", "action", "outcome", "tip"):
        start = text.index(f"{field_name}: ")
        end = text.index("\n", start)
        text = text[:start] + f"{field_name}: '{quoted} {field_name} words to read here.'" + text[end:]
    text = text.replace("title: A signed copy found for a birthday", f"title: '{quoted[:280]}'")
    story.write_text(text)
    values = project / "data/values.yml"
    values.write_text(values.read_text().replace("name: Respect", "name: '<b onmouseover=x>Respect</b>'"))
    write(project, "data/organisation.yml",
          (project / "data/organisation.yml").read_text().replace(
              "tagline: A small fictional bookshop that test builds are made from.",
              "tagline: '<script>window.__pwned=1</script> a shop'"))
    return build_site(project)


@pytest.mark.parametrize("path", ["", "stories/", "stories/signed-copy-found/", "values/respect/",
                                  "stories/archive/2026-10/", "stories/by-value/"])
def test_nothing_in_the_data_runs_in_the_browser(browser: Any, hostile_site: Path, path: str) -> None:
    with serve_folder(hostile_site) as url:
        page = browser.new_page(viewport=DESKTOP)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + path, wait_until="networkidle")
        page.mouse.move(200, 300)  # hovering wakes onmouseover handlers, if there were any
        assert dialogs == []
        assert page.evaluate("window.__pwned") is None
        injected = page.evaluate("""document.querySelectorAll(
            '.md-content iframe, .md-content script, .md-content svg[onload], [onerror], '
            + '[onmouseover], [ontoggle], a[href^="javascript"]').length""")
        assert injected == 0
        shown = page.locator("article.md-content__inner").inner_text()
        page.close()
    if path == "stories/signed-copy-found/":
        assert "<script>window.__pwned = 'script'</script>" in shown
        assert "{{ config.site_name }} {% if true %}template{% endif %}" in shown


def test_nothing_in_the_data_runs_in_the_pdfs(hostile_site: Path) -> None:
    pdf = hostile_site / "editions/complete.pdf"
    reader = pypdf.PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert "/JavaScript" not in str(root.get("/Names", {}))
    assert "/OpenAction" not in root
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A", {})
            assert "/JS" not in action
            assert not str(action.get("/URI", "")).lower().startswith("javascript")
    text = fold(" ".join(page_texts(pdf)))
    assert "<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>" in text

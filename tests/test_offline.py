"""`handbook build --offline`: a copy HR can put on a shared drive or a USB stick, opened
from disk in a browser, links and search included, with nothing fetched from anywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .browser import DESKTOP
from .commands import RunHandbook
from .helpers import load, make_project


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory, run_handbook: RunHandbook) -> Path:
    project = make_project(tmp_path_factory.mktemp("offline") / "project")
    built = run_handbook(project, "build", "--offline")
    assert built.returncode == 0, built.stderr
    assert "site-offline/" in built.stdout
    assert not (project / "site").exists(), "the copy for the web server is left alone"
    return project


def test_the_offline_copy_works_opened_from_disk(offline: Path, browser: Any) -> None:
    handbook_, report = load(offline)
    assert handbook_ is not None, report.format()
    story = handbook_.published[0]
    word = max(story.title.split(), key=len).strip(".,;:!?").lower()
    page = browser.new_page(viewport=DESKTOP)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline / "site-offline" / "index.html").as_uri())
    # Links lead to pages, not to folder listings.
    with page.expect_navigation():
        page.click(".md-nav--primary a.md-nav__link[href$='.html']:not([href='index.html'])")
    assert page.url.endswith(".html")
    # Waited for: the address changes before the new page is drawn (a race seen in CI).
    page.wait_for_selector("article h1", state="visible", timeout=10_000)
    # Search works without a server.
    page.click(".md-search__input")
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    titles = page.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(item => item.textContent)")
    assert any(story.title in title for title in titles)
    assert requests and all(url.startswith("file://") for url in requests), requests
    page.close()


def test_stories_rank_below_the_pages_that_answer(offline: Path) -> None:
    """A story is one time it happened: the behaviour or policy that says what to do ranks
    first, and the cards that quote a story are left out of search."""
    index = json.loads((offline / "site-offline/search/search_index.json").read_text())
    boosts = {doc["location"].split("#")[0]: doc.get("boost") for doc in index["docs"]}
    story_pages = [location for location in boosts if location.startswith("stories/")
                   and location.count("/") == 1 and location != "stories/index.html"]
    assert story_pages and all((boosts[p] or 1) < 1 for p in story_pages)
    values = [doc for doc in index["docs"] if doc["location"].startswith("values/")]
    assert values and not any("hb-card" in doc["text"] for doc in values)

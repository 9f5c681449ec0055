"""`handbook serve` redoes only what an edit changed, and never shows a stale page.

A real `handbook serve` on the small fixture, a real Chromium on its pages: a story edit
reaches the open page through the live reload, with only a few pages rebuilt; an edit
every page shows (a value's name) and a removed story redo the whole site.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

from generator.site.page import BuildFacts, SitePage
from generator.site.preview import PreviewMemory, site_shape

from .commands import RunHandbook, serving

EDITED = "data/stories/late-order-explained.yml"
NEIGHBOUR = "stories/signed-copy-found/"
CHANGED = re.compile(r"preview: (\d+) of ([\d,]+) generated pages changed")


def _get(url: str) -> tuple[int, str]:
    """The status and page, less the live-reload script's numbers, new on every request."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, _LIVERELOAD.sub("", response.read().decode())
    except urllib.error.HTTPError as error:
        return error.code, ""


_LIVERELOAD = re.compile(r"livereload\(\d+, \d+\)")


def test_a_story_edit_reloads_its_page_and_rebuilds_only_what_changed(
    project: Path, browser: Any, run_handbook: RunHandbook,
) -> None:
    story = project / EDITED
    with serving(project) as server:
        server.wait_for("Serving on")
        status, neighbour = _get(server.url + NEIGHBOUR)
        assert status == 200
        page = browser.new_page()
        page.goto(server.url + "stories/late-order-explained/")
        before = len(server.said())
        story.write_text(story.read_text().replace("tip: ", "tip: Said early, half as bad. ", 1))
        # The live reload brings the new text into the page the editor has open.
        page.wait_for_function("() => document.body.innerText.includes('half as bad')",
                               timeout=120_000)
        said = server.wait_for("generated pages changed", after=before)[before:]
        page.close()
        changed, total = CHANGED.search(said).groups()  # type: ignore[union-attr]
        assert 1 <= int(changed) < int(total.replace(",", "")) / 2
        assert _get(server.url + NEIGHBOUR) == (200, neighbour)


def test_a_story_saved_while_another_is_broken_shows_once_both_are_right(
    project: Path, run_handbook: RunHandbook,
) -> None:
    broken, other = project / EDITED, project / "data/stories/signed-copy-found.yml"
    text = broken.read_text()
    with serving(project) as server:
        server.wait_for("Serving on")
        before = len(server.said())
        broken.write_text("title: [unclosed\n" + text)
        server.wait_for(EDITED, after=before)
        before = len(server.said())
        other.write_text(other.read_text().replace("tip: ", "tip: Ask twice. ", 1))
        server.wait_for(EDITED, after=before)  # still broken: this build stops too
        before = len(server.said())
        broken.write_text(text)
        server.wait_for("Documentation built", after=before)
        # October's digest shows the other story's tip, and nothing of the broken one.
        assert "Ask twice." in _get(server.url + "stories/archive/2026-10/")[1]


def test_an_edit_every_page_shows_and_a_removed_story_redo_the_whole_site(
    project: Path, run_handbook: RunHandbook,
) -> None:
    values = project / "data/values.yml"
    with serving(project) as server:
        server.wait_for("Serving on")
        assert "Respect for every reader" not in _get(server.url + NEIGHBOUR)[1]
        before = len(server.said())
        values.write_text(values.read_text().replace("name: Respect\n",
                                                     "name: Respect for every reader\n"))
        server.wait_for("Documentation built", after=before)
        # The story's own file did not change, but its value badge did.
        assert "Respect for every reader" in _get(server.url + NEIGHBOUR)[1]
        assert "generated pages changed" not in server.said()[before:]

        assert _get(server.url + "stories/late-order-explained/")[0] == 200
        before = len(server.said())
        (project / EDITED).unlink()
        server.wait_for("Documentation built", after=before)
        assert _get(server.url + "stories/late-order-explained/")[0] == 404
        assert "late-order-explained" not in _get(server.url + NEIGHBOUR)[1]


def _page(path: str, shows: set[str] | None, title: str = "A page") -> SitePage:
    return SitePage(path, "story.md.jinja", title, in_nav=False,
                    shows_only=None if shows is None else frozenset(shows))


def test_a_reload_renders_the_pages_that_show_a_changed_file_and_every_listing() -> None:
    pages = [_page("stories/a.md", {"a.yml", "b.yml"}), _page("stories/b.md", {"b.yml"}),
             _page("stories/c.md", {"c.yml"}), _page("stories/index.md", None)]
    memory = PreviewMemory()
    assert memory.pages_to_render(pages, set(), "shape") == pages  # the first build: all
    assert memory.redo_all
    memory.remember({page.path: "text" for page in pages}, "shape")
    chosen = memory.pages_to_render(pages, {"b.yml"}, "shape")
    assert [page.path for page in chosen] == ["stories/a.md", "stories/b.md", "stories/index.md"]
    assert not memory.redo_all
    assert memory.remember({"stories/a.md": "text", "stories/b.md": "new text"}, "shape") == {
        "stories/b.md"}
    assert memory.markdown["stories/c.md"] == "text"  # kept from the first build
    assert memory.pages_to_render(pages, {"b.yml"}, "another shape") == pages
    assert memory.redo_all
    # A build that stops before its pages are rendered leaves the memory as it was.
    assert memory.pages_to_render(pages, set(), "shape") != pages
    assert memory.pages_to_render(pages, set(), "another shape") == pages
    assert memory.remember({"stories/a.md": "again"}, "another shape") == {"stories/a.md"}
    assert memory.markdown == {"stories/a.md": "again"}


def test_the_site_shape_follows_titles_files_and_the_date_but_not_skipped_folders(
    tmp_path: Path,
) -> None:
    data, stories = tmp_path / "data", tmp_path / "data/stories"
    stories.mkdir(parents=True)
    (data / "values.yml").write_text("values: []\n")
    (stories / "a.yml").write_text("title: A\n")
    facts = BuildFacts(today=date(2026, 10, 1))
    pages = [_page("stories/a.md", {"a.yml"})]

    def shape(pages: list[SitePage] = pages, facts: BuildFacts = facts) -> str:
        return site_shape(pages, facts, [data], skip=[stories])

    first = shape()
    (stories / "a.yml").write_text("title: A story edited\n")
    assert shape() == first
    assert shape([_page("stories/a.md", {"a.yml"}, title="Retitled")]) != first
    assert shape(facts=BuildFacts(today=date(2026, 10, 2))) != first
    (data / "values.yml").write_text("values: [] # edited, and longer\n")
    assert shape() != first

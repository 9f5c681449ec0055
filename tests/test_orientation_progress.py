"""Reading progress on the orientation path, in Chromium: steps marked as read are kept in
the browser (and nowhere else) across reloads, counted on the path and the home page, can
be reset, work from the keyboard, and the page reads as a plain path without script."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.model.orientation_paths import everyones_path

from .browser import serve_folder
from .helpers import BuildSite, load, make_project

PATH = "orientation/"


@contextmanager
def _the_path(site: Path, browser: Any, **options: Any) -> Iterator[Any]:
    """The orientation path in a fresh browser context (its own, empty localStorage)."""
    with serve_folder(site) as base:
        context = browser.new_context(**options)
        page = context.new_page()
        page.goto(base + PATH)
        yield page
        context.close()


def _count(page: Any) -> str:
    return page.locator("[data-hb-progress] .hb-progress__count").first.inner_text()


def test_marked_steps_are_kept_counted_and_can_be_reset(
        small_site: Path, browser: Any, tmp_path: Path) -> None:
    handbook, _ = load(make_project(tmp_path / "project"))
    assert handbook is not None
    keys = [item.key for item in everyones_path(handbook.orientation).steps]
    total = len(keys)
    with serve_folder(small_site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        assert not page.locator(".hb-progress--home").is_visible()  # nothing read yet
        page.goto(base + PATH)
        assert _count(page) == f"0 of {total} steps read"
        boxes = page.locator("input[data-hb-step]")
        assert boxes.count() == total
        boxes.nth(0).check()
        assert _count(page) == f"1 of {total} steps read"
        page.reload()
        assert page.locator(f"input[data-hb-step='{keys[0]}']").is_checked()
        assert _count(page) == f"1 of {total} steps read"
        stored = page.evaluate("() => Object.keys(localStorage)")
        ours = [key for key in stored if key.startswith("handbook-orientation-read:")]
        kept = page.evaluate(f"() => JSON.parse(localStorage.getItem('{ours[0]}'))")
        # The step, and which path the reader is on (for the home page): nothing else.
        assert len(ours) == 1 and kept == {keys[0]: True, "@path": "orientation"}

        page.goto(base)
        home = page.locator(".hb-progress--home")
        assert home.is_visible()
        assert home.inner_text().endswith(f": 1 of {total} steps read")
        assert home.locator("a").get_attribute("href") == PATH

        page.goto(base + PATH)
        page.get_by_role("button", name="Start again").click()
        assert _count(page) == f"0 of {total} steps read"
        assert not boxes.nth(0).is_checked()
        page.goto(base)
        assert not page.locator(".hb-progress--home").is_visible()
        context.close()


def test_a_step_is_marked_from_the_keyboard_and_the_count_is_announced(
        small_site: Path, browser: Any) -> None:
    with _the_path(small_site, browser) as page:
        first = page.locator("input[data-hb-step]").first
        label = page.get_by_label("I have read this step").first
        assert label.count() == 1  # the checkbox has its own name
        for _ in range(200):  # Tab through the page until the first step's box has focus
            page.keyboard.press("Tab")
            if first.evaluate("box => box === document.activeElement"):
                break
        else:
            raise AssertionError("the step's checkbox is never reached with Tab")
        page.keyboard.press("Space")
        assert first.is_checked()
        status = page.get_by_role("status")
        assert status.inner_text().startswith("1 of ")


def test_without_script_the_path_reads_as_a_plain_list(small_site: Path, browser: Any) -> None:
    with _the_path(small_site, browser, java_script_enabled=False) as page:
        assert page.locator("input[data-hb-step]").count() >= 1
        assert not page.locator("input[data-hb-step]").first.is_visible()
        assert not page.locator("[data-hb-progress]").first.is_visible()
        assert page.locator("h3").first.is_visible()  # the steps themselves
        assert page.get_by_text("Think about it").first.is_visible()


def test_two_steps_with_one_title_keep_apart(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    orientation = project / "data/orientation.yml"
    text = orientation.read_text(encoding="utf-8")
    titles = [line for line in text.splitlines() if line.strip().startswith("- title:")]
    orientation.write_text(text.replace(titles[1], titles[0]), encoding="utf-8")
    handbook, report = load(project)
    assert handbook is not None, report.format()
    keys = [item.key for item in everyones_path(handbook.orientation).steps]
    assert len(set(keys)) == len(keys) and keys[1] == keys[0] + "-2"


def test_the_end_of_the_path_lists_what_is_unread_and_dates_a_finished_path(
        small_site: Path, browser: Any) -> None:
    with _the_path(small_site, browser) as page:
        end = page.locator(".hb-sign-off")
        boxes = page.locator("input[data-hb-step]")
        titles = [boxes.nth(i).get_attribute("data-hb-title") for i in range(boxes.count())]
        assert end.locator("[data-hb-unread] li").all_inner_texts() == titles
        for index in range(boxes.count()):
            boxes.nth(index).check()
        assert end.locator("[data-hb-unread] li").count() == 0
        # The reader's own day, in the page's language, from this browser's clock.
        finished = end.locator(".hb-progress__count").inner_text()
        assert finished.startswith("You read every step on ") and finished.endswith(".")
        # Written as the handbook's own dates are (day, month, year in English), whatever
        # the browser's own language.
        assert re.fullmatch(r"You read every step on \d{1,2} [A-Z][a-z]+ \d{4}\.", finished)
        page.reload()
        assert end.locator(".hb-progress__count").inner_text() == finished
        boxes.nth(0).uncheck()
        unread = end.locator("[data-hb-unread] a")
        assert unread.all_inner_texts() == [titles[0]]
        assert unread.first.get_attribute("href") == "#" + (
            boxes.nth(0).get_attribute("data-hb-step") or "")


def test_the_path_ends_with_the_ways_to_sign_off(tmp_path: Path, build_site: BuildSite) -> None:
    project = make_project(tmp_path / "project")
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + (
        "sign_off_url: https://forms.quayside.example/start?team=shop\n"), encoding="utf-8")
    site = build_site(project)
    page = (site / "orientation/index.html").read_text(encoding="utf-8")
    assert 'href="https://forms.quayside.example/start?team=shop&amp;path=orientation"' in page
    handbook, _ = load(project)
    assert handbook is not None
    for edition in handbook.editions:
        signs = any(part.section == "acknowledgement" for part in edition.sections)
        assert (f'href="../editions/#{edition.id}"' in page) == signs, edition.id
